package located

import (
	"errors"
	"io"
	"math"
	"strings"
	"testing"
)

// FuzzReader: the reader never panics, reports bad records as *ParseError,
// and whatever it accepts is drawable: every point lies on Earth with a
// finite, non-negative weight, every marker sits on a point and counts at
// least one address.
func FuzzReader(f *testing.F) {
	f.Add("time,ip,threat,risk,rule,source\n2021-03-13T23:36:26Z,203.0.113.5,vuln_scanner,5,r,s\n")
	f.Add("time,IP,threatType\n1615678586,203.0.113.5,DOS\nx,y,z\n\"a")
	f.Add("time,ip,threat,risk,lat,lon,country,city,precision\n2021-03-13T23:36:26Z,203.0.113.5,vuln_scanner,5,51.5,-0.12,GB,London,city\n")
	f.Add("ip,category,risk,score,events,first_seen,last_seen,categories,lat,lon,country,city,precision\n1.2.3.4,dos,3,10,7,,,dos:7,10,20,DE,,country\n5.6.7.8,legit,0,0,1,,,,1,1,,,\n")
	f.Add("10.5,20.25,3\n-33.9,151.2\n")
	f.Add("\ufeffLatitude,Longitude,Weight\n1,2,x\n\"3\",\"4\n")
	f.Add("lat,lon,precision\n,,none\n91,0\n0,181\nNaN,NaN\n")
	f.Fuzz(func(t *testing.T, in string) {
		for _, w := range []Weight{WeightRisk, WeightEvents} {
			fuzzOne(t, in, w)
		}
	})
}

func fuzzOne(t *testing.T, in string, w Weight) {
	agg := Aggregate{Weight: w}
	r := NewReader(strings.NewReader(in))
	rows := 0
	for i := 0; i < 10000; i++ {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *ParseError
		if errors.As(err, &pe) {
			continue
		}
		if err != nil {
			if !errors.Is(err, ErrNoHeader) {
				t.Fatalf("error %v is neither a ParseError nor ErrNoHeader", err)
			}
			return
		}
		rows++
		agg.Add(&row)
	}
	d := agg.Layers()
	if len(d.Points) > rows {
		t.Fatalf("%d points for %d rows", len(d.Points), rows)
	}
	for _, p := range d.Points {
		if !(math.Abs(p.Lat) <= 90) || !(math.Abs(p.Lon) <= 180) || !(p.Weight >= 0) || math.IsInf(p.Weight, 0) {
			t.Fatalf("point %+v is not drawable", p)
		}
	}
	for _, m := range d.Markers {
		if m.Count < 1 || !m.Category.Valid() || !(math.Abs(m.Lat) <= 90) || !(math.Abs(m.Lon) <= 180) {
			t.Fatalf("marker %+v", m)
		}
	}
	for cc, v := range d.Countries {
		if !(v >= 0) || math.IsInf(v, 0) {
			t.Fatalf("country %q summed risk %v", cc, v)
		}
	}
}
