package geo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ipinfo/go/v2/ipinfo"
)

// IPInfoConfig configures the ipinfo client. Zero values take the defaults
// given for each field.
type IPInfoConfig struct {
	// Token is the API token. It is sent in the Authorization header only:
	// never in a URL, a cache file or an error message.
	Token string
	// BaseURL is the API's address; default "https://ipinfo.io/". A
	// trailing slash is added when missing.
	BaseURL string
	// Transport carries the requests; default: a transport of this client's
	// own (proxy from the environment, 5 s to connect and to shake hands).
	Transport http.RoundTripper
	// RequestTimeout bounds one HTTP request, body included; default 15 s.
	RequestTimeout time.Duration
	// MaxTime bounds all the API work of a run, retries and waits included,
	// from the first request; default 60 s. Addresses still unanswered then
	// fail with ErrTimeLimit.
	MaxTime time.Duration
	// Budget is the most HTTP requests of a run, retries included; 0 means
	// no limit. Addresses left unasked fail with ErrBudget.
	Budget int
	// BatchSize is the number of addresses per batch request; default and
	// maximum 1000 (the API's limit).
	BatchSize int
	// Concurrency is the number of batch requests in flight; default 4.
	Concurrency int
	// MaxRetries is how often a batch is retried after a 429, a 5xx, a
	// timeout or an unreadable answer; default 3, negative for none.
	MaxRetries int
	// Cache, when set, answers from earlier runs and keeps this run's
	// answers; the caller saves it.
	Cache *IPInfoCache
	// Points places answers that give a country but no coordinates.
	Points CountryPoints
}

// IPInfo locates addresses through the ipinfo.io API, in batches, with a
// bounded number of requests in flight, retries with backoff that honour
// Retry-After, a request budget and a time limit per run, and an optional
// persistent cache. Bogons are never sent. It remembers every answer of the
// run, failures included, so an address costs at most one request.
// Prefetch the addresses of a run first: Locate of an address not prefetched
// sends a batch of one. IPInfo is safe for concurrent use.
type IPInfo struct {
	cfg       IPInfoConfig
	base      *url.URL
	transport http.RoundTripper

	// Test hooks. now dates answers (for the cache) and reads Retry-After
	// dates; the time limit runs on the real clock.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error

	startOnce sync.Once
	deadline  time.Time

	requests, retries, cacheHits atomic.Int64

	mu      sync.Mutex
	results map[netip.Addr]ipinfoResult
	fatal   error // an answer that makes every further request pointless (401, 403)
}

type ipinfoResult struct {
	loc Location
	as  ASN
	err error
}

// IPInfoStats counts an IPInfo's work in this run.
type IPInfoStats struct {
	Requests  int // HTTP requests sent, retries included
	Retries   int
	CacheHits int // addresses answered from the persistent cache
	Failed    int // addresses the API could not answer (errors, budget, time limit)
}

// IPInfoSource is the Source of ipinfo's answers.
const IPInfoSource = "ipinfo"

// NewIPInfo returns a client. It fails without a token or with a bad URL.
func NewIPInfo(cfg IPInfoConfig) (*IPInfo, error) {
	if cfg.Token == "" {
		return nil, errors.New("geo: ipinfo: no API token")
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "https://ipinfo.io/"
	}
	if !strings.HasSuffix(cfg.BaseURL, "/") {
		cfg.BaseURL += "/" // the library resolves "batch" against it
	}
	base, err := url.Parse(cfg.BaseURL)
	if err != nil || (base.Scheme != "https" && base.Scheme != "http") || base.Host == "" {
		return nil, fmt.Errorf("geo: ipinfo: bad base URL %q", redact(cfg.BaseURL, cfg.Token))
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 15 * time.Second
	}
	if cfg.MaxTime <= 0 {
		cfg.MaxTime = 60 * time.Second
	}
	if cfg.BatchSize <= 0 || cfg.BatchSize > 1000 {
		cfg.BatchSize = 1000
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 4
	}
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = 3
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	rt := cfg.Transport
	if rt == nil {
		rt = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   5 * time.Second,
			ResponseHeaderTimeout: cfg.RequestTimeout,
			MaxIdleConnsPerHost:   cfg.Concurrency,
			IdleConnTimeout:       30 * time.Second,
			ForceAttemptHTTP2:     true,
		}
	}
	return &IPInfo{
		cfg:       cfg,
		base:      base,
		transport: rt,
		now:       time.Now,
		sleep:     sleepCtx,
		results:   map[netip.Addr]ipinfoResult{},
	}, nil
}

// Attribution is the credit line IPinfo asks for.
func (p *IPInfo) Attribution() string { return "IP address data powered by IPinfo (ipinfo.io)" }

// Stats reports the requests made so far.
func (p *IPInfo) Stats() IPInfoStats {
	s := IPInfoStats{
		Requests:  int(p.requests.Load()),
		Retries:   int(p.retries.Load()),
		CacheHits: int(p.cacheHits.Load()),
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, r := range p.results {
		if _, failed := Reason(r.loc, r.err); failed {
			s.Failed++
		}
	}
	return s
}

// Locate implements Locator.
func (p *IPInfo) Locate(addr netip.Addr) (Location, error) {
	addr, err := checkBogon(addr)
	if err != nil {
		return Location{}, err
	}
	if r, ok := p.known(addr); ok {
		return r.loc, r.err
	}
	p.fetch(context.Background(), []netip.Addr{addr})
	if r, ok := p.known(addr); ok {
		return r.loc, r.err
	}
	return Location{}, fmt.Errorf("geo: ipinfo: no answer for %s", addr) // not reached
}

// Prefetch looks up, in batches, the addresses not answered yet in this run
// or by the cache. It returns ctx's error when ctx ends first; the failures
// of single batches are kept for Locate.
func (p *IPInfo) Prefetch(ctx context.Context, addrs []netip.Addr) error {
	todo := make([]netip.Addr, 0, len(addrs))
	queued := map[netip.Addr]bool{}
	for _, a := range addrs {
		a, err := checkBogon(a)
		if err != nil || queued[a] {
			continue
		}
		if _, ok := p.known(a); ok {
			continue
		}
		queued[a] = true
		todo = append(todo, a)
	}
	if len(todo) > 0 {
		p.fetch(ctx, todo)
	}
	return ctx.Err()
}

// known returns this run's answer for a, loading it from the cache first.
func (p *IPInfo) known(a netip.Addr) (ipinfoResult, bool) {
	p.mu.Lock()
	r, ok := p.results[a]
	p.mu.Unlock()
	if ok || p.cfg.Cache == nil {
		return r, ok
	}
	e, ok := p.cfg.Cache.get(a)
	if !ok {
		return r, false
	}
	p.cacheHits.Add(1)
	r = p.fromEntry(a, e)
	p.mu.Lock()
	p.results[a] = r
	p.mu.Unlock()
	return r, true
}

func (p *IPInfo) fromEntry(a netip.Addr, e cacheEntry) ipinfoResult {
	if e.Bogon {
		return ipinfoResult{err: &BogonError{Addr: a, Reason: "reported by ipinfo"}}
	}
	loc := Location{Country: e.Country, City: e.City, Source: IPInfoSource}
	switch {
	case validCoords(e.Lat, e.Lon):
		loc.Lat, loc.Lon, loc.Precision = e.Lat, e.Lon, coordsPrecision(e.City, e.Region)
	case e.Country != "" && p.cfg.Points != nil:
		if pt, ok := p.cfg.Points(e.Country); ok {
			loc.Lat, loc.Lon, loc.Precision = pt.Lat(), pt.Lon(), PrecisionCountry
		}
	}
	r := ipinfoResult{loc: loc}
	if e.Org != "" {
		r.as = ParseASOrg(e.Org)
		r.as.Source = IPInfoSource
	}
	return r
}

func (p *IPInfo) record(a netip.Addr, r ipinfoResult) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.results[a]; !ok {
		p.results[a] = r
	}
}

func (p *IPInfo) fail(chunk []netip.Addr, err error) {
	for _, a := range chunk {
		p.record(a, ipinfoResult{err: err})
	}
}

// start fixes the run's deadline at the first request.
func (p *IPInfo) start() time.Time {
	p.startOnce.Do(func() { p.deadline = time.Now().Add(p.cfg.MaxTime) })
	return p.deadline
}

// fetch asks the API about addrs with bounded concurrency and records an
// answer or a failure for every one of them.
func (p *IPInfo) fetch(ctx context.Context, addrs []netip.Addr) {
	deadline := p.start()
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	var chunks [][]netip.Addr
	for len(addrs) > 0 {
		n := min(len(addrs), p.cfg.BatchSize)
		chunks = append(chunks, addrs[:n])
		addrs = addrs[n:]
	}
	work := make(chan []netip.Addr)
	var wg sync.WaitGroup
	for range min(p.cfg.Concurrency, len(chunks)) {
		wg.Go(func() {
			for c := range work {
				p.fetchChunk(ctx, c)
			}
		})
	}
	for _, c := range chunks {
		work <- c
	}
	close(work)
	wg.Wait()
}

// fetchChunk sends one batch, retrying what may succeed on a second try.
func (p *IPInfo) fetchChunk(ctx context.Context, chunk []netip.Addr) {
	var last error
	for attempt := 0; ; attempt++ {
		if err := p.gate(ctx, last); err != nil {
			p.fail(chunk, err)
			return
		}
		answers, retryAfter, err := p.post(ctx, chunk)
		if err == nil {
			p.store(chunk, answers)
			return
		}
		last = err
		if ctx.Err() != nil {
			continue // gate reports it
		}
		var ae *APIError
		isAPI := errors.As(err, &ae)
		if isAPI && (ae.StatusCode == http.StatusUnauthorized || ae.StatusCode == http.StatusForbidden) {
			p.mu.Lock()
			p.fatal = err
			p.mu.Unlock()
		}
		if (isAPI && !ae.Retryable()) || attempt >= p.cfg.MaxRetries {
			p.fail(chunk, err)
			return
		}
		wait := retryAfter
		if wait <= 0 {
			wait = backoff(attempt)
		}
		if time.Now().Add(wait).After(p.deadline) {
			p.fail(chunk, fmt.Errorf("%w: a retry in %v would pass it (%v)", ErrTimeLimit, wait.Round(time.Millisecond), err))
			return
		}
		p.retries.Add(1)
		_ = p.sleep(ctx, wait) // an interrupted wait is reported by gate
	}
}

// gate says whether another request may be sent.
func (p *IPInfo) gate(ctx context.Context, last error) error {
	p.mu.Lock()
	fatal := p.fatal
	p.mu.Unlock()
	switch {
	case fatal != nil:
		return fatal
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		if last != nil {
			return fmt.Errorf("%w (%v)", ErrTimeLimit, last)
		}
		return ErrTimeLimit
	case ctx.Err() != nil:
		return fmt.Errorf("geo: ipinfo: %w", ctx.Err())
	}
	if n := p.requests.Add(1); p.cfg.Budget > 0 && n > int64(p.cfg.Budget) {
		p.requests.Add(-1)
		if last != nil {
			return fmt.Errorf("%w (%v)", ErrBudget, last)
		}
		return ErrBudget
	}
	return nil
}

// store records the answers of a batch and writes them to the cache.
func (p *IPInfo) store(chunk []netip.Addr, answers ipinfo.BatchCore) {
	now := p.now().Unix()
	for _, a := range chunk {
		c := answers[a.String()]
		if c == nil {
			p.record(a, ipinfoResult{err: fmt.Errorf("geo: ipinfo: the batch answer left out %s", a)})
			continue
		}
		e := cacheEntry{At: now, Bogon: c.Bogon, City: strings.TrimSpace(c.City),
			Region: strings.TrimSpace(c.Region), Org: strings.TrimSpace(c.Org)}
		if cc, ok := normaliseCountry(c.Country); ok {
			e.Country = cc
		}
		if lat, lon, ok := parseLatLon(c.Location); ok {
			e.Lat, e.Lon = lat, lon
		}
		if p.cfg.Cache != nil {
			p.cfg.Cache.put(a, e)
		}
		p.record(a, p.fromEntry(a, e))
	}
}

// post sends one batch request through the ipinfo library.
func (p *IPInfo) post(ctx context.Context, chunk []netip.Addr) (ipinfo.BatchCore, time.Duration, error) {
	ips := make([]string, len(chunk))
	for i, a := range chunk {
		ips[i] = a.String()
	}
	hc := &http.Client{
		Transport: &runTransport{ctx: ctx, base: p.transport, timeout: p.cfg.RequestTimeout},
		// The API never redirects; following one could carry the token
		// elsewhere.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	client := ipinfo.NewClient(hc, nil, p.cfg.Token)
	client.BaseURL = p.base
	client.UserAgent = "threatmap"
	res, err := client.GetIPStrInfoBatch(ips, ipinfo.BatchReqOpts{
		BatchSize:                    uint32(len(ips)),
		TimeoutPerBatch:              -1, // runTransport bounds each request
		ConcurrentBatchRequestsLimit: 1,  // fetch bounds the concurrency
	})
	if err == nil {
		return res, 0, nil
	}
	var er *ipinfo.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		ae := &APIError{StatusCode: er.Response.StatusCode}
		ra := parseRetryAfter(er.Response.Header.Get("Retry-After"), p.now())
		return nil, ra, ae
	}
	return nil, 0, fmt.Errorf("geo: ipinfo: %s", redact(err.Error(), p.cfg.Token))
}

// APIError is an HTTP error status from the API.
type APIError struct {
	StatusCode int
}

func (e *APIError) Error() string {
	return fmt.Sprintf("geo: ipinfo: HTTP %d %s", e.StatusCode, http.StatusText(e.StatusCode))
}

// Retryable reports whether the same request may succeed later.
func (e *APIError) Retryable() bool {
	return e.StatusCode == http.StatusTooManyRequests || e.StatusCode == http.StatusRequestTimeout || e.StatusCode >= 500
}

// parseRetryAfter reads a Retry-After header: delay seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(min(s, 24*3600)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}

// backoff is the wait before retry number attempt+1 without a Retry-After:
// exponential from 500 ms, capped at 8 s, with jitter so that parallel
// batches do not retry in step.
func backoff(attempt int) time.Duration {
	d := 500 * time.Millisecond << min(attempt, 4)
	return d/2 + rand.N(d/2+1)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// redact removes the token from a message (a server could echo it, a user
// could put it in a URL).
func redact(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, "[redacted]")
}
