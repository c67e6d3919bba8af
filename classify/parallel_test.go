package classify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/threatmap/threatmap/internal/loggen"
)

// input is one named input of a parallel-vs-sequential comparison.
type input struct {
	name string
	data []byte
}

type runResult struct {
	events []Event
	actors []Actor
	stats  Stats
}

// classifyAll runs inputs through one classifier with the given workers and
// chunk size.
func classifyAll(t *testing.T, rules *Rules, opts Options, workers, chunk int, inputs []input) runResult {
	t.Helper()
	opts.Workers = workers
	if opts.Now.IsZero() {
		opts.Now = testNow
	}
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	c := NewClassifier(rules, opts)
	if chunk > 0 {
		c.chunkSize = chunk
	}
	var res runResult
	emit := func(e Event) error { res.events = append(res.events, e); return nil }
	for _, in := range inputs {
		r := io.Reader(bytes.NewReader(in.data))
		if strings.HasSuffix(in.name, ".gz") {
			rc, _, err := OpenInput("-", r)
			if err != nil {
				c.RecordInputError(in.name, err)
				continue
			}
			r = rc
		}
		if _, err := c.Classify(context.Background(), r, in.name, testNow, emit); err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatal(err)
			}
		}
	}
	if err := c.Finish(emit); err != nil {
		t.Fatal(err)
	}
	res.actors, res.stats = c.Actors(), c.Stats()
	checkAccounting(t, &res.stats)
	return res
}

// sameResult reports the first difference between two runs.
func sameResult(t *testing.T, what string, want, got runResult) {
	t.Helper()
	if len(want.events) != len(got.events) {
		t.Errorf("%s: %d events, want %d", what, len(got.events), len(want.events))
	}
	for i := range min(len(want.events), len(got.events)) {
		if want.events[i] != got.events[i] {
			t.Errorf("%s: event %d = %+v, want %+v", what, i, got.events[i], want.events[i])
			break
		}
	}
	if !reflect.DeepEqual(want.actors, got.actors) {
		t.Errorf("%s: actors differ (%d vs %d)", what, len(got.actors), len(want.actors))
	}
	if !reflect.DeepEqual(want.stats, got.stats) {
		t.Errorf("%s: stats\n got %+v\nwant %+v", what, got.stats, want.stats)
	}
}

// compareWorkers classifies inputs sequentially with the default chunk size
// and then with several workers and chunk sizes, down to chunks smaller
// than a line, and wants the same events in the same order, the same
// actors and the same stats.
func compareWorkers(t *testing.T, rules *Rules, opts Options, inputs []input) runResult {
	t.Helper()
	want := classifyAll(t, rules, opts, 1, 0, inputs)
	for _, tc := range []struct{ workers, chunk int }{{2, 0}, {3, 4 << 10}, {4, 512}, {1, 700}} {
		got := classifyAll(t, rules, opts, tc.workers, tc.chunk, inputs)
		sameResult(t, fmt.Sprintf("workers %d, chunk %d", tc.workers, tc.chunk), want, got)
	}
	return want
}

func readInputs(t *testing.T, paths ...string) []input {
	t.Helper()
	var ins []input
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, input{p, b})
	}
	return ins
}

func TestParallelSampleLogs(t *testing.T) {
	ins := readInputs(t, "../testdata/sample/access.log", "../testdata/sample/auth.log", "../testdata/sample/mail.log")
	res := compareWorkers(t, mustRules(t, ""), Options{}, ins)
	if res.stats.Events[BruteForce] == 0 || res.stats.Events[VulnScanner] == 0 {
		t.Errorf("sample logs: events %v", res.stats.Events)
	}
}

func TestParallelHostile(t *testing.T) {
	paths, err := filepath.Glob("../testdata/hostile/*.log*")
	if err != nil || len(paths) == 0 {
		t.Fatal(paths, err)
	}
	compareWorkers(t, mustRules(t, ""), Options{}, readInputs(t, paths...))
	// Lines longer than a block, some longer than MaxLineBytes.
	var b bytes.Buffer
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "203.0.113.%d - - [03/Mar/2021:10:00:%02d +0000] \"GET /%s HTTP/1.1\" 200 1 \"-\" \"%s\"\n",
			i, i, strings.Repeat("a", i*97), strings.Repeat("Mozilla ", i*i))
	}
	compareWorkers(t, mustRules(t, ""), Options{MaxLineBytes: 5000}, []input{{"long.log", b.Bytes()}})
}

// Generated traffic: DoS bursts and HTTP brute force whose windows span
// many chunks.
func TestParallelGenerated(t *testing.T) {
	var b bytes.Buffer
	if _, err := loggen.Write(&b, loggen.Config{Seed: 7, Lines: 30_000, Visitors: 2000, Attackers: 200, DoSBursts: 1, Span: 2 * time.Hour}); err != nil {
		t.Fatal(err)
	}
	res := compareWorkers(t, mustRules(t, ""), Options{}, []input{{"gen.log", b.Bytes()}, {"gen2.log", b.Bytes()[:b.Len()/3]}})
	for _, cat := range []Category{DoS, BruteForce, VulnScanner} {
		if res.stats.Events[cat] == 0 {
			t.Errorf("generated log: no %s events: %v", cat, res.stats.Events)
		}
	}
}

// A CSV whose header changes the columns half way through: the chunks after
// it must be read with the new columns.
func TestParallelCSVHeaders(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("time,ip,threat,risk,rule,source\n")
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&b, "2021-03-13T10:%02d:%02dZ,203.0.113.%d,vuln_scanner,5,probe,x\n", i/60%60, i%60, i%250)
	}
	b.WriteString("ip,threat,time\n")
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&b, "198.51.100.%d,brute_force,2021-03-13T11:%02d:%02dZ\n", i%250, i/60%60, i%60)
	}
	res := compareWorkers(t, mustRules(t, ""), Options{}, []input{{"events.csv", b.Bytes()}})
	if res.stats.Events[VulnScanner] != 2000 || res.stats.Events[BruteForce] != 2000 {
		t.Errorf("events %v", res.stats.Events)
	}
}

// An error from emit, or a cancelled context, stops a parallel run at once
// and is returned as is.
func TestParallelStop(t *testing.T) {
	var b bytes.Buffer
	if _, err := loggen.Write(&b, loggen.Config{Seed: 3, Lines: 20_000}); err != nil {
		t.Fatal(err)
	}
	rules := mustRules(t, "")
	errStop := errors.New("stop")
	c := NewClassifier(rules, Options{Workers: 2})
	c.chunkSize = 4 << 10
	n := 0
	_, err := c.Classify(context.Background(), bytes.NewReader(b.Bytes()), "gen.log", testNow, func(Event) error {
		if n++; n == 100 {
			return errStop
		}
		return nil
	})
	if err != errStop || n != 100 {
		t.Errorf("emit error: %v after %d events", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	c = NewClassifier(rules, Options{Workers: 2})
	c.chunkSize = 4 << 10
	n = 0
	_, err = c.Classify(ctx, bytes.NewReader(b.Bytes()), "gen.log", testNow, func(Event) error {
		if n++; n == 100 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n >= 20_000 {
		t.Errorf("cancel: %v after %d events", err, n)
	}
}

// FuzzParallel: any input, cut into chunks of any size, classifies as it
// does sequentially.
func FuzzParallel(f *testing.F) {
	f.Add(strings.Join(fuzzSeeds, "\n"), uint16(64))
	f.Add("a\n\n"+strings.Repeat("x", 700)+"\nb", uint16(5))
	rules := mustRules(f, "")
	f.Fuzz(func(t *testing.T, in string, chunk uint16) {
		ins := []input{{"fuzz", []byte(in)}}
		opts := Options{MaxLineBytes: 300}
		want := classifyAll(t, rules, opts, 1, 0, ins)
		got := classifyAll(t, rules, opts, 3, 16+int(chunk%2048), ins)
		sameResult(t, "fuzz", want, got)
	})
}

// ActorsSeen holds Actors' actors in the order their addresses first came,
// the same with one worker or two; ActorsSeenFunc keeps those keep accepts,
// in that order, and passes the others' events by category to skip.
func TestActorsSeen(t *testing.T) {
	var b bytes.Buffer
	if _, err := loggen.Write(&b, loggen.Config{Seed: 3, Lines: 20_000, Visitors: 1500, Attackers: 150, Span: time.Hour}); err != nil {
		t.Fatal(err)
	}
	var seen [][]Actor
	for _, workers := range []int{1, 2} {
		c := NewClassifier(mustRules(t, ""), Options{Workers: workers, Now: testNow, Location: time.UTC})
		if _, err := c.Classify(context.Background(), bytes.NewReader(b.Bytes()), "gen.log", testNow, nil); err != nil {
			t.Fatal(err)
		}
		if err := c.Finish(nil); err != nil {
			t.Fatal(err)
		}
		all := c.ActorsSeen()
		sorted := slices.Clone(all)
		SortActors(sorted)
		if !reflect.DeepEqual(sorted, c.Actors()) {
			t.Fatalf("%d workers: ActorsSeen sorted is not Actors", workers)
		}
		malicious := func(n *[NumCategories]int) bool { return n[VulnScanner]+n[BruteForce]+n[DoS] > 0 }
		var skipped []int
		kept := c.ActorsSeenFunc(malicious, func(n *[NumCategories]int) { skipped = append(skipped, n[Legit]) })
		var want []Actor
		var wantSkipped []int
		for _, a := range all {
			if malicious(&a.Counts) {
				want = append(want, a)
			} else {
				wantSkipped = append(wantSkipped, a.Counts[Legit])
			}
		}
		if len(want) == 0 || len(wantSkipped) == 0 || !reflect.DeepEqual(kept, want) || !slices.Equal(skipped, wantSkipped) {
			t.Errorf("%d workers: kept %d and skipped %d actors, want %d and %d, in the order seen", workers, len(kept), len(skipped), len(want), len(wantSkipped))
		}
		seen = append(seen, all)
	}
	if !reflect.DeepEqual(seen[0], seen[1]) {
		t.Error("the order seen differs with the number of workers")
	}
}
