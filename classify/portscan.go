package classify

import (
	"fmt"
	"net/netip"
	"time"
)

// PortScanConfig is the port-scan detector: an address whose packets a
// firewall logged for at least Ports distinct destinations (ports, or
// hosts on one port) within Window is a port scanner from then on. Fewer
// blocked packets stay what the rules call them (noise).
type PortScanConfig struct {
	Name     string   `yaml:"name,omitempty"`   // rule name of port-scan events; default "port-scan"
	Ports    int      `yaml:"ports,omitempty"`  // distinct destinations; default 10, at most 256
	Window   Duration `yaml:"window,omitempty"` // default 10m
	Disabled *bool    `yaml:"disabled,omitempty"`
}

type cPortScan struct {
	enabled bool
	name    string
	ports   int
	window  int64 // seconds
}

func compilePortScan(ps PortScanConfig) (cPortScan, error) {
	c := cPortScan{enabled: ps.Disabled == nil || !*ps.Disabled, name: ps.Name, ports: ps.Ports,
		window: int64(time.Duration(ps.Window) / time.Second)}
	if c.name == "" {
		c.name = "port-scan"
	}
	if c.ports == 0 {
		c.ports = 10
	}
	if c.window == 0 {
		c.window = 600
	}
	if c.ports < 2 || c.ports > 256 || c.window < 1 {
		return c, fmt.Errorf("classify: port_scan: ports must be 2–256 and window positive")
	}
	return c, nil
}

func (rs *RuleSet) mergePortScan(over *RuleSet) {
	o := over.PortScan
	if o.Name != "" {
		rs.PortScan.Name = o.Name
	}
	if o.Ports != 0 {
		rs.PortScan.Ports = o.Ports
	}
	if o.Window != 0 {
		rs.PortScan.Window = o.Window
	}
	if o.Disabled != nil {
		rs.PortScan.Disabled = o.Disabled
	}
}

// scanKey names a packet's destination for the port-scan count: its port,
// and a hash of its host, so that a sweep of one port over many hosts
// counts as much as many ports on one host. Zero: not a packet.
func scanKey(dst netip.Addr, port uint16) uint64 {
	if port == 0 && !dst.IsValid() {
		return 0
	}
	h := uint64(14695981039346656037)
	if dst.IsValid() {
		for _, b := range dst.As16() {
			h = (h ^ uint64(b)) * 1099511628211
		}
	}
	return h<<16 | uint64(port) | 1<<63
}

// portState is one address's recent destinations: at most the threshold
// many, so memory per address is bounded.
type portState struct {
	tripped bool
	keys    []uint64
	times   []int64
}

// add records a destination at time now and reports whether the address
// is (now or already) a port scanner.
func (ps *portState) add(key uint64, now int64, c *cPortScan) bool {
	if ps.tripped {
		return true
	}
	n := 0
	for i := range ps.keys { // age out, and drop the old sighting of key
		if ps.times[i] > now-c.window && ps.keys[i] != key {
			ps.keys[n], ps.times[n] = ps.keys[i], ps.times[i]
			n++
		}
	}
	ps.keys, ps.times = append(ps.keys[:n], key), append(ps.times[:n], now)
	if len(ps.keys) >= c.ports {
		ps.tripped, ps.keys, ps.times = true, nil, nil
	}
	return ps.tripped
}
