package store

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// collSettings holds values all processes of a deployment must share. No
// secret belongs here: the webhook's secret token is derived from the bot
// token (bot.WebhookSecretFor), and the one earlier versions stored is
// deleted at start.
const collSettings = "settings"

// DeleteSetting removes a setting; one that is not there is no error.
func (s *Store) DeleteSetting(ctx context.Context, key string) error {
	if _, err := s.db.Collection(collSettings).DeleteOne(ctx, bson.D{{Key: "_id", Value: key}}); err != nil {
		return fmt.Errorf("delete setting %s: %w", key, err)
	}
	return nil
}

// SharedSetting returns the stored value of key, storing proposed first if
// there is none: the first process to ask decides, the others read it.
func (s *Store) SharedSetting(ctx context.Context, key, proposed string) (string, error) {
	_, err := s.db.Collection(collSettings).InsertOne(ctx, bson.D{{Key: "_id", Value: key}, {Key: "value", Value: proposed}})
	if err == nil {
		return proposed, nil
	}
	if !mongo.IsDuplicateKeyError(err) {
		return "", fmt.Errorf("store setting %s: %w", key, err)
	}
	var doc struct {
		Value string `bson:"value"`
	}
	if err := s.db.Collection(collSettings).FindOne(ctx, bson.D{{Key: "_id", Value: key}}).Decode(&doc); err != nil {
		return "", fmt.Errorf("read setting %s: %w", key, err)
	}
	return doc.Value, nil
}
