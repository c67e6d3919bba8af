package threat

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
)

// Tally counts addresses or events per category over a whole run: the
// actors and events totals of a --stats file and of a report. Its JSON form
// is an object keyed by category name, in name order, every category
// present: {"brute_force":74,"dos":1,…}.
type Tally [NumCategories]int64

// MarshalJSON implements json.Marshaler.
func (t Tally) MarshalJSON() ([]byte, error) {
	cats := make([]Category, NumCategories)
	for i := range cats {
		cats[i] = Category(i)
	}
	slices.SortFunc(cats, func(a, b Category) int {
		switch {
		case a.String() < b.String():
			return -1
		case a.String() > b.String():
			return 1
		}
		return 0
	})
	var b bytes.Buffer
	b.WriteByte('{')
	for i, c := range cats {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(c.String()))
		b.WriteByte(':')
		b.WriteString(strconv.FormatInt(t[c], 10))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON implements json.Unmarshaler; an unknown category name is
// an error.
func (t *Tally) UnmarshalJSON(data []byte) error {
	var m map[string]int64
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	*t = Tally{}
	for name, n := range m {
		c, err := ParseCategory(name)
		if err != nil {
			return fmt.Errorf("threat: tally: %w", err)
		}
		t[c] = n
	}
	return nil
}

// Sum is the total over every category.
func (t *Tally) Sum() int64 {
	var n int64
	for _, v := range t {
		n += v
	}
	return n
}
