package threat

import "testing"

func TestCategoryNames(t *testing.T) {
	for c := Legit; int(c) < NumCategories; c++ {
		got, err := ParseCategory(c.String())
		if err != nil || got != c {
			t.Errorf("ParseCategory(%q) = %v, %v; want %v", c.String(), got, err, c)
		}
		if c > Legit && c.Risk() < (c-1).Risk() {
			t.Errorf("%v has a lower risk than %v", c, c-1)
		}
	}
	if _, err := ParseCategory("evil"); err == nil {
		t.Error("ParseCategory(evil): no error")
	}
	if Category(NumCategories).Valid() {
		t.Error("NumCategories is valid")
	}
}

func TestByRisk(t *testing.T) {
	all := ByRisk()
	if len(all) != NumCategories {
		t.Fatalf("ByRisk has %d categories, want %d", len(all), NumCategories)
	}
	for i := 1; i < len(all); i++ {
		if all[i].Risk() > all[i-1].Risk() {
			t.Errorf("ByRisk: %v after %v", all[i], all[i-1])
		}
	}
}

func TestServiceOf(t *testing.T) {
	tests := []struct {
		program string
		want    Service
	}{
		{ProgramSSHD, SSH},
		{ProgramPostfix, Mail},
		{ProgramDovecot, Mail},
		{ProgramHTTP, OtherService},
		{ProgramFail2ban, OtherService},
		{"", OtherService},
	}
	for _, tt := range tests {
		if got := ServiceOf(tt.program); got != tt.want {
			t.Errorf("ServiceOf(%q) = %v, want %v", tt.program, got, tt.want)
		}
	}
}

func TestCountsString(t *testing.T) {
	tests := []struct {
		counts Counts
		want   string
	}{
		{Counts{}, ""},
		{Counts{Legit: 1, BruteForce: 3, VulnScanner: 12}, "vuln_scanner:12;brute_force:3;legit:1"},
		{Counts{Noise: 2, GoodBot: 1, VPN: 4}, "noise:2;good_bot:1;vpn:4"},
	}
	for _, tt := range tests {
		if got := tt.counts.String(); got != tt.want {
			t.Errorf("%v.String() = %q, want %q", [NumCategories]int(tt.counts), got, tt.want)
		}
	}
}
