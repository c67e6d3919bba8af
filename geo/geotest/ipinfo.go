package geotest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Fault is how the fake ipinfo server answers one request.
type Fault int

const (
	FaultNone         Fault = iota // a correct answer
	Fault429                       // 429 Too Many Requests, with RetryAfter
	Fault500                       // 500 Internal Server Error
	FaultSlow                      // a correct answer after SlowFor (or when the client gives up)
	FaultMalformed                 // 200 with a truncated JSON body
	FaultEchoToken                 // 500 whose error message repeats the Authorization header
	FaultUnauthorized              // 401, as for a revoked token
)

// IPInfoServer is a fake ipinfo API answering POST /batch from Networks.
// Addresses outside them are unknown (an answer without loc); private
// addresses are answered as bogons, as the real API does.
type IPInfoServer struct {
	*httptest.Server
	Token string

	// Fault, when set, picks the answer to request n (counting from 1).
	Fault func(n int) Fault
	// RetryAfter is the Retry-After header of a 429 ("" for none).
	RetryAfter string
	// SlowFor is how long a FaultSlow answer takes.
	SlowFor time.Duration

	requests atomic.Int64
	mu       sync.Mutex
	asked    map[string]int
}

// NewIPInfoServer starts a fake API that accepts token; it is closed when the
// test ends.
func NewIPInfoServer(tb testing.TB, token string) *IPInfoServer {
	s := &IPInfoServer{Token: token, asked: map[string]int{}, SlowFor: 5 * time.Second}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.Close)
	return s
}

// Requests is the number of requests received.
func (s *IPInfoServer) Requests() int { return int(s.requests.Load()) }

// Asked reports how often addr was asked about in a batch that was answered
// or failed.
func (s *IPInfoServer) Asked(addr string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.asked[addr]
}

// EveryOther is a Fault schedule that fails every second request with f.
func EveryOther(f Fault) func(int) Fault {
	return func(n int) Fault {
		if n%2 == 0 {
			return f
		}
		return FaultNone
	}
}

type core struct {
	IP      string `json:"ip"`
	Bogon   bool   `json:"bogon,omitempty"`
	City    string `json:"city,omitempty"`
	Region  string `json:"region,omitempty"`
	Country string `json:"country,omitempty"`
	Loc     string `json:"loc,omitempty"`
	Org     string `json:"org,omitempty"`
}

func (s *IPInfoServer) serve(w http.ResponseWriter, r *http.Request) {
	n := int(s.requests.Add(1))
	if r.Method != http.MethodPost || r.URL.Path != "/batch" {
		http.Error(w, `{"status":404,"error":{"title":"Wrong ip","message":"Please provide a valid IP address"}}`, http.StatusNotFound)
		return
	}
	auth := r.Header.Get("Authorization")
	if auth != "Bearer "+s.Token {
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(`{"status":403,"error":{"title":"Unknown token","message":"` + auth + `"}}`))
		return
	}
	var ips []string
	if err := json.NewDecoder(r.Body).Decode(&ips); err != nil {
		http.Error(w, `{"error":{"title":"bad batch"}}`, http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	for _, ip := range ips {
		s.asked[ip]++
	}
	s.mu.Unlock()
	fault := FaultNone
	if s.Fault != nil {
		fault = s.Fault(n)
	}
	switch fault {
	case Fault429:
		if s.RetryAfter != "" {
			w.Header().Set("Retry-After", s.RetryAfter)
		}
		w.WriteHeader(http.StatusTooManyRequests)
		w.Write([]byte(`{"status":429,"error":{"title":"Rate limit exceeded"}}`))
		return
	case Fault500:
		http.Error(w, "upstream broke", http.StatusInternalServerError)
		return
	case FaultEchoToken:
		w.WriteHeader(http.StatusInternalServerError)
		w.Write([]byte(`{"status":500,"error":{"title":"oops","message":"request with ` + auth + ` failed"}}`))
		return
	case FaultUnauthorized:
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"status":401,"error":{"title":"Unauthorized","message":"token ` + s.Token + ` revoked"}}`))
		return
	case FaultSlow:
		select {
		case <-time.After(s.SlowFor):
		case <-r.Context().Done():
			return
		}
	}
	out := map[string]core{}
	for _, ip := range ips {
		out[ip] = answer(ip)
	}
	body, _ := json.Marshal(out)
	w.Header().Set("Content-Type", "application/json")
	if fault == FaultMalformed {
		body = body[:len(body)/2]
	}
	w.Write(body)
}

func answer(ip string) core {
	c := core{IP: ip}
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return c
	}
	if a.IsPrivate() || a.IsLoopback() || a.IsLinkLocalUnicast() || a.IsUnspecified() {
		c.Bogon = true
		return c
	}
	for _, n := range Networks() {
		p := netip.MustParsePrefix(n.CIDR)
		if !p.Contains(a) {
			continue
		}
		c.Country, c.City, c.Org = n.Country, n.City, "AS64500 Example"
		if n.City != "" {
			c.Region = "Region"
			c.Loc = strconv.FormatFloat(n.Lat, 'f', 4, 64) + "," + strconv.FormatFloat(n.Lon, 'f', 4, 64)
		}
		return c
	}
	return c
}
