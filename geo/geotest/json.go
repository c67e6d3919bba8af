package geotest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"testing"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
)

// SourceNetwork is one network of a MaxMind test-data source file with its
// record as decoded from JSON (maps, slices, strings, float64s, bools).
type SourceNetwork struct {
	CIDR   string
	Record map[string]any
}

// ReadSource reads a MaxMind test-data source file: a JSON array of
// one-key objects, network → record, in the file's order.
func ReadSource(tb testing.TB, path string) []SourceNetwork {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var items []map[string]map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&items); err != nil {
		tb.Fatalf("geotest: %s: %v", path, err)
	}
	var out []SourceNetwork
	for _, it := range items {
		if len(it) != 1 {
			tb.Fatalf("geotest: %s: an item holds %d networks, want 1", path, len(it))
		}
		for cidr, rec := range it {
			out = append(out, SourceNetwork{cidr, rec})
		}
	}
	return out
}

// MMDBFromSource writes the networks into a database of the given
// database_type, with the data types MaxMind uses for these fields
// (uint32 geoname_id and autonomous_system_number, uint16 accuracy_radius
// and metro_code, double coordinates), as MaxMind's own writer does.
func MMDBFromSource(tb testing.TB, databaseType string, nets []SourceNetwork) []byte {
	tb.Helper()
	tree, err := mmdbwriter.New(mmdbwriter.Options{
		DatabaseType:            databaseType,
		Description:             map[string]string{"en": databaseType + " built from MaxMind's test data"},
		BuildEpoch:              BuildEpoch,
		IncludeReservedNetworks: true,
		RecordSize:              28,
	})
	if err != nil {
		tb.Fatal(err)
	}
	for _, n := range nets {
		_, ipnet, err := net.ParseCIDR(n.CIDR)
		if err != nil {
			tb.Fatal(err)
		}
		v, err := toMMDBType("", n.Record)
		if err != nil {
			tb.Fatalf("geotest: %s: %v", n.CIDR, err)
		}
		if err := tree.Insert(ipnet, v); err != nil {
			tb.Fatalf("geotest: insert %s: %v", n.CIDR, err)
		}
	}
	var buf bytes.Buffer
	if _, err := tree.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func toMMDBType(key string, v any) (mmdbtype.DataType, error) {
	switch x := v.(type) {
	case map[string]any:
		m := mmdbtype.Map{}
		for k, e := range x {
			t, err := toMMDBType(k, e)
			if err != nil {
				return nil, err
			}
			m[mmdbtype.String(k)] = t
		}
		return m, nil
	case []any:
		s := make(mmdbtype.Slice, len(x))
		for i, e := range x {
			t, err := toMMDBType(key, e)
			if err != nil {
				return nil, err
			}
			s[i] = t
		}
		return s, nil
	case string:
		return mmdbtype.String(x), nil
	case bool:
		return mmdbtype.Bool(x), nil
	case float64:
		switch key {
		case "latitude", "longitude":
			return mmdbtype.Float64(x), nil
		case "accuracy_radius", "metro_code":
			return mmdbtype.Uint16(x), nil
		}
		if x == float64(uint32(x)) {
			return mmdbtype.Uint32(x), nil
		}
		return mmdbtype.Float64(x), nil
	}
	return nil, fmt.Errorf("unsupported JSON value %T at %q", v, key)
}
