package located

import (
	"bytes"
	"errors"
	"io"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/located/column"
)

// readAll reads every row of in; bad records are counted by their error.
func readAll(t *testing.T, in string) ([]Row, []*ParseError, error) {
	t.Helper()
	r := NewReader(strings.NewReader(in))
	var rows []Row
	var bad []*ParseError
	for {
		row, err := r.Read()
		if err == io.EOF {
			return rows, bad, nil
		}
		var pe *ParseError
		if errors.As(err, &pe) {
			bad = append(bad, pe)
			continue
		}
		if err != nil {
			return rows, bad, err
		}
		rows = append(rows, row)
	}
}

func TestReader(t *testing.T) {
	ip := netip.MustParseAddr("203.0.113.5")
	t0 := time.Date(2021, 3, 13, 23, 36, 26, 0, time.UTC)
	tests := []struct {
		name string
		in   string
		want Row   // the first row; zero fields are not compared
		rows int   // rows read
		bad  []int // lines of bad records
		err  error // a fatal error
	}{
		{name: "events", in: "time,ip,threat,risk,rule,source\n2021-03-13T23:36:26Z,203.0.113.5,vuln_scanner,5,probe,access.log\n",
			want: Row{Time: t0, IP: ip, Category: classify.VulnScanner, Risk: 5, Rule: "probe", Source: "access.log"}, rows: 1},
		{name: "other tools' names", in: "Timestamp,src_ip,type\n1615678586,203.0.113.5,DOS\n",
			want: Row{IP: ip, Category: classify.DoS, Risk: 3}, rows: 1},
		{name: "no header", in: "2021-03-13T23:36:26Z,203.0.113.5,brute_force\n",
			want: Row{Time: t0, IP: ip, Category: classify.BruteForce, Risk: 4}, rows: 1},
		{name: "bare points", in: "32.06,118.78,3\n39.91,116.40\n",
			want: Row{Risk: 1, Weight: 3, Location: geo.Location{Lat: 32.06, Lon: 118.78, Precision: geo.PrecisionCity}}, rows: 2},
		{name: "actors", in: "ip,category,risk,score,events,first_seen,last_seen,categories\n203.0.113.5,vuln_scanner,5,44.6,3,2021-03-13T23:36:26Z,2021-03-14T00:00:00Z,vuln_scanner:2;legit:1\n",
			want: Row{IP: ip, Category: classify.VulnScanner, Risk: 5, Score: 44.6, Events: 3, First: t0}, rows: 1},
		{name: "located", in: "\ufeffIP ,Latitude,Longitude,Country,precision,note\n203.0.113.5,48.86,2.35,fr,country,hello\n",
			want: Row{IP: ip, Risk: 1, Location: geo.Location{Lat: 48.86, Lon: 2.35, Country: "FR", Precision: geo.PrecisionCountry}, Extra: []string{"hello"}}, rows: 1},
		{name: "bad fields", in: "time,ip,threat,lat,lon\n,not-an-ip,dos,,\nyesterday,1.2.3.4,dos,,\n,1.2.3.4,martian,,\n,1.2.3.4,dos,91,0\n,1.2.3.4,dos,1,2\n",
			bad: []int{2, 3, 4, 5}, rows: 1,
			want: Row{IP: netip.MustParseAddr("1.2.3.4"), Category: classify.DoS, Risk: 3, Location: geo.Location{Lat: 1, Lon: 2, Precision: geo.PrecisionCity}}},
		{name: "not CSV", in: "ip,note\n1.2.3.4,\"a\"b\n5.6.7.8,ok\n", bad: []int{2}, rows: 1,
			want: Row{IP: netip.MustParseAddr("5.6.7.8"), Risk: 1, Extra: []string{"ok"}}},
		{name: "no header, no data", in: "a,b\n1,2\n", err: ErrNoHeader},
		{name: "empty", in: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, bad, err := readAll(t, tc.in)
			if !errors.Is(err, tc.err) || len(rows) != tc.rows || len(bad) != len(tc.bad) {
				t.Fatalf("%d rows, bad %v, err %v; want %d rows, bad lines %v, err %v", len(rows), bad, err, tc.rows, tc.bad, tc.err)
			}
			for i, pe := range bad {
				if pe.Line != tc.bad[i] {
					t.Errorf("bad record %d at line %d, want %d (%v)", i, pe.Line, tc.bad[i], pe)
				}
			}
			if tc.rows > 0 && !like(rows[0], tc.want) {
				t.Errorf("row %+v\nwant %+v", rows[0], tc.want)
			}
		})
	}
}

// like compares the fields of want that are set.
func like(got, want Row) bool {
	return (want.Time.IsZero() || got.Time.Equal(want.Time)) && (!want.IP.IsValid() || got.IP == want.IP) &&
		got.Category == want.Category && got.Risk == want.Risk && got.Rule == want.Rule && got.Source == want.Source &&
		got.Score == want.Score && (want.Events == 0 || got.Events == want.Events) &&
		(want.First.IsZero() || got.First.Equal(want.First)) && got.Location == want.Location &&
		(want.Weight == 0 || got.Weight == want.Weight) && strings.Join(got.Extra, ",") == strings.Join(want.Extra, ",")
}

// A bad field names its column, and the row holds the fields before it.
func TestParseErrorColumn(t *testing.T) {
	r := NewReader(strings.NewReader("ip,time\n1.2.3.4,soon\n"))
	row, err := r.Read()
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 2 || pe.Column != 2 || !errors.Is(err, ErrBadTime) || row.IP != netip.MustParseAddr("1.2.3.4") {
		t.Fatalf("row %+v, err %v", row, err)
	}
	if !r.Has(column.IP) || r.Has(column.Lat) || strings.Join(r.Record(), ",") != "1.2.3.4,soon" {
		t.Errorf("has ip %v, lat %v, record %v", r.Has(column.IP), r.Has(column.Lat), r.Record())
	}
}

func TestWriterRoundTrip(t *testing.T) {
	ev := classify.Event{Time: time.Date(2021, 3, 13, 23, 36, 26, 0, time.UTC), IP: netip.MustParseAddr("203.0.113.5"),
		Category: classify.Noise, Rule: "r", Source: `we"ird,name`}
	var b bytes.Buffer
	w := NewWriter(&b)
	want := EventRow(&ev)
	if err := w.Write(&want); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	if !strings.HasPrefix(b.String(), "time,ip,threat,risk,rule,source\n") {
		t.Errorf("header: %q", b.String())
	}
	got, err := NewReader(&b).Read()
	if err != nil || !like(got, want) || got.Counts != want.Counts {
		t.Fatalf("round trip: %+v %v", got, err)
	}
}

func TestWriteActors(t *testing.T) {
	a := classify.Actor{IP: netip.MustParseAddr("203.0.113.5"), Category: classify.VulnScanner, Events: 3,
		First: time.Date(2021, 3, 13, 0, 0, 0, 0, time.UTC), Last: time.Date(2021, 3, 14, 0, 0, 0, 0, time.UTC)}
	a.Counts[classify.VulnScanner], a.Counts[classify.Legit] = 2, 1
	a.Score = classify.Score(&a)
	a.Compromised, a.Services, a.Users = true, []string{"sshd", "vsftpd"}, []string{"root", "admin"}
	var b bytes.Buffer
	if err := WriteActors(&b, []classify.Actor{a}); err != nil {
		t.Fatal(err)
	}
	want := "ip,category,risk,score,events,first_seen,last_seen,categories,compromised,services,users\n" +
		"203.0.113.5,vuln_scanner,5,44.6,3,2021-03-13T00:00:00Z,2021-03-14T00:00:00Z,vuln_scanner:2;legit:1,true,sshd;vsftpd,root;admin\n"
	if b.String() != want {
		t.Errorf("got\n%swant\n%s", b.String(), want)
	}
	row, err := NewReader(&b).Read()
	if err != nil || row.Counts != a.Counts || row.Events != 3 || !row.Last.Equal(a.Last) ||
		!row.Compromised || strings.Join(row.Services, ",") != "sshd,vsftpd" || strings.Join(row.Users, ",") != "root,admin" {
		t.Errorf("read back %+v, %v", row, err)
	}
}
