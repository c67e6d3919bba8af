package loggen

import "time"

// stamper formats Apache's "dd/Mon/yyyy:hh:mm:ss +0000", remembering the
// last second and day it formatted.
type stamper struct {
	day, sec int64
	ts       [26]byte
}

func newStamper() stamper { return stamper{day: -1, sec: -1} }

var months = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// stamp formats t (ns since 1970, not before it) in UTC. The result is
// valid until the next call.
func (s *stamper) stamp(t int64) []byte {
	sec := t / int64(time.Second)
	if sec == s.sec {
		return s.ts[:]
	}
	s.sec = sec
	if day := sec / 86400; day != s.day {
		s.day = day
		y, m, d := time.Unix(day*86400, 0).UTC().Date()
		two(s.ts[0:], d)
		s.ts[2] = '/'
		copy(s.ts[3:6], months[m-1])
		s.ts[6] = '/'
		two(s.ts[7:], y/100%100)
		two(s.ts[9:], y%100)
		s.ts[11] = ':'
		copy(s.ts[20:], " +0000")
	}
	r := int(sec % 86400)
	two(s.ts[12:], r/3600)
	s.ts[14] = ':'
	two(s.ts[15:], r/60%60)
	s.ts[17] = ':'
	two(s.ts[18:], r%60)
	return s.ts[:]
}

func two(b []byte, v int) {
	b[0] = byte('0' + v/10)
	b[1] = byte('0' + v%10)
}
