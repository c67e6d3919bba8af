package located

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/threatmap/threatmap/geo"
)

func TestLocate(t *testing.T) {
	loc := fakeLocator{"8.8.8.8": {Lat: 37.751, Lon: -97.822, Country: "US", Precision: geo.PrecisionCountry},
		"81.2.69.160": {Lat: 51.5142, Lon: -0.0931, Country: "GB", City: "London", Precision: geo.PrecisionCity, AccuracyKm: 10}}
	tests := []struct {
		name, in, want string
		st             LocateStats
		err            error
	}{
		{"appends", "src_ip,note\n8.8.8.8,a\nnot-an-ip,b\n9.9.9.9,\"c\"d\n",
			"src_ip,note,lat,lon,country,city,precision,accuracy_km\n8.8.8.8,a,37.751,-97.822,US,,country,\nnot-an-ip,b,,,,,none,\n",
			LocateStats{Rows: 2, Invalid: 1, Malformed: 1}, nil},
		{"overwrites", "ip,lat,lon,country,city,precision\n8.8.8.8,1,2,XX,Y,city\n",
			"ip,lat,lon,country,city,precision,accuracy_km\n8.8.8.8,37.751,-97.822,US,,country,\n", LocateStats{Rows: 1}, nil},
		{"accuracy", "ip,accuracy_km\n81.2.69.160,500\n",
			"ip,accuracy_km,lat,lon,country,city,precision\n81.2.69.160,10,51.5142,-0.0931,GB,London,city\n", LocateStats{Rows: 1}, nil},
		{"header only", "ip\n", "ip,lat,lon,country,city,precision,accuracy_km\n", LocateStats{}, nil},
		{"empty", "", "", LocateStats{}, ErrEmpty},
		{"no ip column", "lat,lon\n1,2\n", "", LocateStats{}, ErrNoAddressColumn},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			st, err := Locate(context.Background(), strings.NewReader(tc.in), &out, loc, Window{})
			if !errors.Is(err, tc.err) || st != tc.st || (tc.err == nil && out.String() != tc.want) {
				t.Errorf("stats %+v, err %v, out\n%s\nwant %+v, %v\n%s", st, err, out.String(), tc.st, tc.err, tc.want)
			}
		})
	}
}
