package threat

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestTallyJSON(t *testing.T) {
	var tl Tally
	tl[BruteForce], tl[Legit] = 74, 3
	b, err := json.Marshal(tl)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.HasPrefix(s, `{"brute_force":74,`) || !strings.Contains(s, `"legit":3`) || strings.Count(s, ":") != NumCategories {
		t.Errorf("JSON %s; want every category by name, in name order", s)
	}
	var back Tally
	if err := json.Unmarshal(b, &back); err != nil || back != tl {
		t.Errorf("round trip %v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"nonsense":1}`), &back); err == nil {
		t.Error("an unknown category was accepted")
	}
	if tl.Sum() != 77 {
		t.Errorf("sum %d", tl.Sum())
	}
}
