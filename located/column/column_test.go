package column

import "testing"

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Name
	}{
		{"ip", IP}, {" IP ", IP}, {"\ufeffsrc_ip", IP}, {"client", IP},
		{"threatType", Threat}, {"type", Threat}, {"category", Threat},
		{"Timestamp", Time}, {"first", FirstSeen}, {"last_seen", LastSeen},
		{"Latitude", Lat}, {"lng", Lon}, {"file", Source}, {"precision", Precision},
		{"note", None}, {"", None},
	} {
		if got := Parse(tc.in); got != tc.want {
			t.Errorf("Parse(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestFind(t *testing.T) {
	ix := Find([]string{"time", "src", "note", "ip", "lat", "lon"})
	if ix[Time] != 0 || ix[IP] != 1 || ix[Lat] != 4 || ix[Lon] != 5 || ix.Has(Threat) || ix.Has(None) {
		t.Errorf("index %v", ix)
	}
	rec := []string{" 2026-10-01 ", "1.2.3.4"}
	if ix.Field(rec, Time) != "2026-10-01" || ix.Field(rec, Lat) != "" || ix.Field(rec, Threat) != "" {
		t.Errorf("fields %q %q", ix.Field(rec, Time), ix.Field(rec, Lat))
	}
	for _, h := range [][]string{EventHeader, ActorHeader, LocatedHeader} {
		ix := Find(h)
		for i, name := range h {
			if n := Parse(name); n == None || ix[n] != i || n.String() == "" {
				t.Errorf("%v: %q is not column %d", h, name, i)
			}
		}
	}
}
