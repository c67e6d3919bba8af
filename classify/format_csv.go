package classify

import "bytes"

// isCSVLine: an events-CSV header, or a row that starts with a time.
func isCSVLine(line []byte) bool {
	return isCSVHeader(line) || isISOStart(line) && isCSVRow(line) && !isFail2banLine(line)
}

// isCSVRow reports whether a line that starts with an ISO time has a comma
// within its first 40 bytes and before the first space after the date.
func isCSVRow(line []byte) bool {
	c := indexByte(line, ',')
	if c <= 0 || c >= 40 {
		return false
	}
	sp := indexByte(line[11:], ' ')
	return sp < 0 || c < sp+11
}

func isCSVHeader(line []byte) bool {
	if len(line) < 7 {
		return false
	}
	l := line[:min(len(line), 16)]
	return hasPrefixFold(l, "time,") || hasPrefixFold(l, "timestamp,") ||
		hasPrefixFold(l, "ip,") || hasPrefixFold(l, "date,")
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}

// parseCSVLine reads an events-CSV line, learning the columns from a header.
func (p *lineParser) parseCSVLine(line []byte, r *record, fc *fileCtx) lineResult {
	return p.parseCSVRecord(line, r, &fc.cols)
}
