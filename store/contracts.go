package store

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"openkarir/karir"
)

// collContractCodes maps the verification code printed on a contract to
// its submission; the contract itself lives in the submission.
const collContractCodes = "contract_codes"

var _ karir.ContractCodes = (*Store)(nil)

// ReserveContractCode implements karir.ContractCodes: an insert, so two
// contracts can never share a code.
func (s *Store) ReserveContractCode(ctx context.Context, c karir.ContractCode) error {
	if _, err := s.db.Collection(collContractCodes).InsertOne(ctx, c); err != nil {
		if mongo.IsDuplicateKeyError(err) {
			return fmt.Errorf("reserve contract code: %w", karir.ErrConflict)
		}
		return fmt.Errorf("reserve contract code: %w", err)
	}
	return nil
}

// ContractCode implements karir.ContractCodes: one lookup by _id, as fast
// for a made-up code as for a real one.
func (s *Store) ContractCode(ctx context.Context, code string) (*karir.ContractCode, error) {
	var c karir.ContractCode
	if err := s.db.Collection(collContractCodes).FindOne(ctx, bson.D{{Key: "_id", Value: code}}).Decode(&c); err != nil {
		return nil, fmt.Errorf("load contract code: %w", notFound(err))
	}
	return &c, nil
}
