package assets

import (
	"bytes"
	"reflect"
	"testing"
)

// The embedded binary world must be what DecodeWorld makes of the embedded
// TopoJSON today: run go generate ./assets when this fails.
func TestWorldBinaryCurrent(t *testing.T) {
	want, err := DecodeWorld(CountriesTopoJSON, LandTopoJSON)
	if err != nil {
		t.Fatal(err)
	}
	b, err := want.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, worldBinary) {
		t.Fatal("data/world.bin is stale: run go generate ./assets")
	}
	got, err := LoadWorld()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.byAlpha2, want.byAlpha2) || !reflect.DeepEqual(got.names, want.names) {
		t.Error("LoadWorld's indexes differ from DecodeWorld's")
	}
	for i, c := range got.Countries {
		w := want.Countries[i]
		if c.Numeric != w.Numeric || c.Alpha2 != w.Alpha2 || c.Name != w.Name || c.Point != w.Point || !reflect.DeepEqual(c.Geometry, w.Geometry) {
			t.Fatalf("country %d (%s) differs", i, w.Name)
		}
	}
	if !reflect.DeepEqual(got.Land, want.Land) {
		t.Error("land differs")
	}
	if len(want.Borders) == 0 || !reflect.DeepEqual(got.Borders, want.Borders) {
		t.Errorf("borders differ: %d lines saved, %d decoded", len(got.Borders), len(want.Borders))
	}
	if want.Small.Tolerance == 0 || !reflect.DeepEqual(got.Small, want.Small) {
		t.Error("the small-scale world differs")
	}
	// The embedded world is named, and by its data: a World decoded
	// otherwise has no name a renderer could take for it.
	again, err := LoadWorld()
	if err != nil {
		t.Fatal(err)
	}
	if got.ID == "" || got.ID != again.ID || want.ID != "" {
		t.Errorf("IDs %q and %q loaded, %q decoded", got.ID, again.ID, want.ID)
	}
}

// A copied ring must not share spare capacity with the next one: an append
// to one ring would overwrite another.
func TestWorldBinaryRingsDisjoint(t *testing.T) {
	w, err := LoadWorld()
	if err != nil {
		t.Fatal(err)
	}
	r := w.Countries[0].Geometry[0][0]
	if len(r) != cap(r) {
		t.Errorf("ring length %d, capacity %d", len(r), cap(r))
	}
}

func FuzzUnmarshalWorld(f *testing.F) {
	f.Add(worldBinary[:4096])
	f.Add([]byte(worldMagic + "\x00\x00\x00"))
	f.Add([]byte(worldMagic + "\x02\x01\x00\x00\x00\x00" + "\x01\x01\x02"))
	f.Fuzz(func(t *testing.T, data []byte) {
		w, err := newWorld()
		if err != nil {
			t.Fatal(err)
		}
		if unmarshalWorld(w, data) == nil {
			if _, err := w.MarshalBinary(); err != nil {
				t.Fatal(err)
			}
		}
	})
}
