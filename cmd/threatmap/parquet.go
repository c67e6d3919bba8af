package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/located"
	"github.com/threatmap/threatmap/located/column"
)

// Tables (events, actors, located rows) are CSV or Parquet: an output is
// Parquet when its name ends in .parquet, an input when it begins with
// Parquet's magic bytes PAR1, whatever its name.

// isParquetPath reports whether an output path names a Parquet file.
func isParquetPath(path string) bool {
	return strings.EqualFold(filepath.Ext(path), ".parquet")
}

// newRowWriter returns the writer of the table at path (CSV or Parquet by
// its extension) to w, with the columns header (nil: the events columns).
func newRowWriter(path string, w io.Writer, header []string) located.RowWriter {
	if isParquetPath(path) {
		pw := located.NewParquetWriter(w)
		pw.Header = header
		return pw
	}
	cw := located.NewWriter(w)
	cw.Header = header
	return cw
}

// writeActors writes the actors table at path to w.
func writeActors(path string, w io.Writer, actors []classify.Actor) error {
	rw := newRowWriter(path, w, column.ActorHeader)
	for i := range actors {
		r := located.ActorRow(&actors[i])
		if err := rw.Write(&r); err != nil {
			return err
		}
	}
	return rw.Flush()
}

// isParquetFile reports whether the file at path is a Parquet file.
func isParquetFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var magic [4]byte
	_, err = io.ReadFull(f, magic[:])
	return err == nil && located.IsParquet(magic[:])
}

// openRows opens the table at path ("-": stdin) for reading rows. A Parquet
// file needs random access: from stdin it is first copied to a temporary
// file, removed by the returned function.
func openRows(path string, stdin io.Reader) (located.RowReader, func(), error) {
	var f *os.File
	cleanup := func() {}
	if path == "-" {
		br := bufio.NewReader(stdin)
		if magic, _ := br.Peek(4); !located.IsParquet(magic) {
			return located.NewReader(br), cleanup, nil
		}
		tmp, err := os.CreateTemp("", "threatmap-*.parquet")
		if err != nil {
			return nil, nil, err
		}
		cleanup = func() { tmp.Close(); os.Remove(tmp.Name()) }
		if _, err := io.Copy(tmp, br); err != nil {
			cleanup()
			return nil, nil, fmt.Errorf("read stdin: %w", err)
		}
		f = tmp
	} else {
		var err error
		if f, err = os.Open(path); err != nil {
			return nil, nil, usageErrorf("%v", err)
		}
		cleanup = func() { f.Close() }
	}
	var magic [4]byte
	n, _ := f.ReadAt(magic[:], 0)
	if !located.IsParquet(magic[:n]) {
		return located.NewReader(f), cleanup, nil
	}
	st, err := f.Stat()
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	pr, err := located.NewParquetReader(f, st.Size(), path)
	if err != nil {
		cleanup()
		return nil, nil, usageErrorf("%s: %v", path, err)
	}
	return pr, cleanup, nil
}

// openTable opens the table at path ("-": stdin) as CSV text: a Parquet
// file is converted on the fly, field by field, for the commands that read
// CSV records.
func openTable(path string, stdin io.Reader) (io.ReadCloser, error) {
	if path == "-" {
		br := bufio.NewReader(stdin)
		if magic, _ := br.Peek(4); !located.IsParquet(magic) {
			return io.NopCloser(br), nil
		}
		stdin = br
	} else if !isParquetFile(path) {
		return os.Open(path)
	}
	rows, cleanup, err := openRows(path, stdin)
	if err != nil {
		return nil, err
	}
	pr, pw := io.Pipe()
	go func() {
		defer cleanup()
		pq, ok := rows.(*located.ParquetReader)
		if !ok {
			pw.CloseWithError(fmt.Errorf("%s: changed while read", path))
			return
		}
		pw.CloseWithError(parquetToCSV(pq, pw))
	}()
	return pr, nil
}

// parquetToCSV writes the header and every record of r to w as CSV; a
// record that does not parse is written as it is, for the reader of the
// CSV to count.
func parquetToCSV(r *located.ParquetReader, w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(r.Header()); err != nil {
		return err
	}
	for {
		_, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *located.ParseError
		if err != nil && !errors.As(err, &pe) {
			return err
		}
		if err := cw.Write(r.Record()); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// tableOutput returns the writer that a command writing CSV writes to for
// the output at path: w itself, or, for a .parquet path, a converter of the
// CSV it is given into Parquet on w. finish ends the conversion; call it
// once, after the last write.
func tableOutput(path string, w io.Writer) (io.Writer, func() error) {
	if !isParquetPath(path) {
		return w, func() error { return nil }
	}
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := csvToParquet(pr, w)
		pr.CloseWithError(err)
		done <- err
	}()
	return pw, func() error {
		pw.Close()
		return <-done
	}
}

// csvToParquet converts the CSV table read from r into Parquet on w.
func csvToParquet(r io.Reader, w io.Writer) error {
	cr := located.NewReader(r)
	var pw *located.ParquetWriter
	for {
		row, err := cr.Read()
		if pw == nil && cr.Header() != nil {
			pw = located.NewParquetWriter(w)
			pw.Header = cr.Header()
		}
		if err == io.EOF {
			break
		}
		var pe *located.ParseError
		if errors.As(err, &pe) {
			continue // counted by the command that wrote the CSV
		}
		if err != nil {
			return err
		}
		if err := pw.Write(&row); err != nil {
			return err
		}
	}
	if pw == nil {
		pw = located.NewParquetWriter(w)
	}
	return pw.Flush()
}
