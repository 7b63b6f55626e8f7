// deps.go pins the project's dependencies in go.mod until the code imports them; delete it once it does.
package store

import (
	_ "github.com/FerretDB/FerretDB/ferretdb"
	_ "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	_ "github.com/joho/godotenv"
	_ "github.com/looplab/fsm"
	_ "go.mongodb.org/mongo-driver/v2/mongo"
	_ "golang.org/x/time/rate"
)
