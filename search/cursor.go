package search

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
)

// Cursors are opaque to clients: base64url of JSON holding the backend's
// position and a hash of the query they belong to, so a cursor replayed with
// another query is refused instead of silently paging something else.

type cursor struct {
	Query string          `json:"q"`
	State json.RawMessage `json:"s"`
}

// EncodeCursor makes a cursor for the query identified by key.
func EncodeCursor(key string, state any) string {
	s, err := json.Marshal(state)
	if err != nil {
		panic(fmt.Sprintf("search: cursor state: %v", err)) // states are plain structs
	}
	data, _ := json.Marshal(cursor{Query: hashKey(key), State: s})
	return base64.RawURLEncoding.EncodeToString(data)
}

// DecodeCursor reads a cursor made by EncodeCursor for the same key into
// state. Anything else is an ErrBadQuery.
func DecodeCursor(token, key string, state any) error {
	bad := fmt.Errorf("%w: invalid cursor (pass back the next value of the same query)", ErrBadQuery)
	if len(token) > 4096 {
		return bad
	}
	data, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return bad
	}
	var c cursor
	if json.Unmarshal(data, &c) != nil || len(c.State) == 0 {
		return bad
	}
	if c.Query != hashKey(key) {
		return fmt.Errorf("%w: the cursor belongs to another query", ErrBadQuery)
	}
	if json.Unmarshal(c.State, state) != nil {
		return bad
	}
	return nil
}

// offsetCursor is the state of a cursor that is the offset of the next page.
type offsetCursor struct {
	Offset int `json:"o"`
}

// EncodeOffsetCursor makes a cursor holding the offset of the next page.
func EncodeOffsetCursor(key string, offset int) string {
	return EncodeCursor(key, offsetCursor{offset})
}

// DecodeOffsetCursor reads a cursor made by EncodeOffsetCursor for the same
// key. A negative offset (a forged cursor) is an ErrBadQuery.
func DecodeOffsetCursor(token, key string) (int, error) {
	var c offsetCursor
	if err := DecodeCursor(token, key, &c); err != nil {
		return 0, err
	}
	if c.Offset < 0 {
		return 0, fmt.Errorf("%w: invalid cursor", ErrBadQuery)
	}
	return c.Offset, nil
}

func hashKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:8])
}

// CursorKey identifies the query a search cursor belongs to: the text,
// filters and sort, not the page size or the facets.
func CursorKey(q Query) string {
	return strings.Join([]string{"search", q.Text, q.SourceID, q.District, q.Province, q.Category, q.Author, q.Document,
		q.From.UTC().String(), q.To.UTC().String(), string(q.Sort)}, "\x00")
}
