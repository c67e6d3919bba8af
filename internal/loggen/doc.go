// Package loggen writes large, deterministic, realistic Apache combined
// access logs for benchmarks and tests, and the hostile inputs of the
// hardening tests (a gigantic line, a flood of spoofed source addresses).
//
// A Config with the same Seed always gives the same bytes. The traffic is
// a year of a small shop's web log: mostly ordinary visitors from about
// 200,000 public IPv4 addresses in some sixty countries (each address lies
// in a /16 that the embedded country database maps wholly to one country,
// see prefixes.go), a small share of IPv6 visitors, search-engine crawlers,
// vulnerability scanners, HTTP login brute force, proxy probes, non-HTTP
// noise and a few denial-of-service bursts. Timestamps never go backwards.
//
// Write appends each line into a reused buffer without fmt or per-line
// allocation, so it produces several million lines a second.
package loggen
