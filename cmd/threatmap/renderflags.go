package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/located"
	"github.com/threatmap/threatmap/render"
)

// renderFlags are the map flags shared by render and map. Register them on
// a command's FlagSet, then call build.
type renderFlags struct {
	out         string
	size        string
	width       int
	dpi         int
	bbox        string
	region      string
	bandwidth   string
	weight      string
	scale       string
	theme       string
	transparent bool
	choropleth  choroplethFlag
	bare        bool
	borders     string
	title       string
	include     string
}

// defaultTitle is the map title unless --title says otherwise.
const defaultTitle = "Malicious activity by source location"

func (f *renderFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.out, "o", "threatmap.png", "output `FILE`: .png, .svg, .pdf, or .html for an interactive map (- for PNG on stdout), written atomically; the same input and flags give the same bytes")
	fs.StringVar(&f.size, "size", "", "output size: `WxH` in pixels, or slide (1920x1080), 4k (3840x2160), square (2000x2000), or a paper page at 300 dpi: a4, a3, letter (portrait) or a4-landscape, a3-landscape, letter-landscape; default 1600 wide, height to fit (PDF: an a4-landscape page)")
	fs.IntVar(&f.width, "width", 0, "output width in `PIXELS`; the height follows from the map")
	fs.IntVar(&f.dpi, "dpi", 0, "pixels per inch (`N`): type size, and the page size of PDF/SVG (default 96; paper sizes: 300, the page staying the same)")
	fs.StringVar(&f.bbox, "bbox", "", "extent `W,S,E,N` in degrees, e.g. -25,34,45,72; across the antimeridian the east edge is west of the west one: 120,-50,-150,30")
	fs.StringVar(&f.region, "region", "", "named extent (`NAME`): "+strings.Join(render.RegionNames(), ", ")+" (default world, 58°S–84°N; world-full: 82°S–82°N)")
	fs.StringVar(&f.bandwidth, "bandwidth", "", "density kernel (Gaussian σ) in pixels or ground kilometres: `6px` or 150km (default: 1/140 of the width)")
	fs.StringVar(&f.weight, "weight", "risk", "density weight (`W`): risk (risk-weighted events) or count (events)")
	fs.StringVar(&f.include, "include", "", "also draw and count these `CATEGORIES` below risk 2, comma-separated: noise, good_bot, vpn (by default the map shows risk 2 and above; the others are counted apart as \"also seen\")")
	fs.StringVar(&f.scale, "scale", "log", "colour scale (`S`): log (a single event stays visible beside a flood), sqrt, linear (the peak dominates), eqhist (every colour covers the same area)")
	fs.StringVar(&f.theme, "theme", "light", "`THEME`: light (print) or dark (slides)")
	fs.BoolVar(&f.transparent, "transparent", false, "no page or ocean fill")
	fs.Var(&f.choropleth, "choropleth", "shade countries by summed risk under the density; --choropleth=only drops the density")
	fs.BoolVar(&f.bare, "bare", false, "only the map area, edge to edge: no margins, title, legend or text")
	fs.StringVar(&f.borders, "borders", "", "your own borders `FILE`: GeoJSON, TopoJSON or ESRI shapefile (.shp), lon/lat")
	fs.StringVar(&f.title, "title", defaultTitle, "map `TITLE` (empty for none)")
}

// renderValues are the words the map flags take, for completion.
func renderValues() map[string][]string {
	sizes := sizeNames()
	return map[string][]string{
		"region": render.RegionNames(), "size": sizes, "theme": {"light", "dark"},
		"scale": {"log", "sqrt", "linear", "eqhist"}, "weight": {"risk", "count"},
		"include": {"noise", "good_bot", "vpn"},
	}
}

// inputs are the files the flags name for reading (--borders).
func (f *renderFlags) inputs() []string {
	if f.borders == "" {
		return nil
	}
	return []string{f.borders}
}

// choroplethFlag is --choropleth, --choropleth=only or --choropleth=false.
type choroplethFlag render.ChoroplethMode

func (c *choroplethFlag) String() string {
	switch render.ChoroplethMode(*c) {
	case render.ChoroplethUnder:
		return "true"
	case render.ChoroplethOnly:
		return "only"
	}
	return "false"
}

func (c *choroplethFlag) Set(v string) error {
	switch strings.ToLower(v) {
	case "true", "1", "under", "yes":
		*c = choroplethFlag(render.ChoroplethUnder)
	case "only":
		*c = choroplethFlag(render.ChoroplethOnly)
	case "false", "0", "no", "off":
		*c = choroplethFlag(render.ChoroplethOff)
	default:
		return fmt.Errorf("want true, only or false")
	}
	return nil
}

func (c *choroplethFlag) IsBoolFlag() bool { return true }

// sizePresets are the --size names of screens.
var sizePresets = map[string]render.Size{
	"slide":  {Width: 1920, Height: 1080},
	"4k":     {Width: 3840, Height: 2160},
	"square": {Width: 2000, Height: 2000},
}

// paperSizes are the --size names of paper pages, portrait, in
// millimetres; NAME-landscape turns the page.
var paperSizes = map[string][2]float64{
	"a4":     {210, 297},
	"a3":     {297, 420},
	"letter": {215.9, 279.4},
}

// paperDPI is the resolution of a paper page unless --dpi says otherwise.
const paperDPI = 300

// defaultPDFPage is the page of a PDF map without --size or --width.
const defaultPDFPage = "a4-landscape"

// paperSize returns the pixel size of the paper page name at dpi (0:
// paperDPI), and whether name is a paper size.
func paperSize(name string, dpi int) (render.Size, bool) {
	base, landscape := strings.CutSuffix(name, "-landscape")
	mm, ok := paperSizes[base]
	if !ok {
		return render.Size{}, false
	}
	if dpi <= 0 {
		dpi = paperDPI
	}
	if landscape {
		mm[0], mm[1] = mm[1], mm[0]
	}
	px := func(v float64) int { return int(math.Round(v / 25.4 * float64(dpi))) }
	return render.Size{Width: px(mm[0]), Height: px(mm[1]), DPI: dpi}, true
}

// sizeNames are the --size words, sorted.
func sizeNames() []string {
	var names []string
	for k := range sizePresets {
		names = append(names, k)
	}
	for k := range paperSizes {
		names = append(names, k, k+"-landscape")
	}
	slices.Sort(names)
	return names
}

// renderSetup is what the render flags decide: how the map looks, where it
// goes, and how points are weighted.
type renderSetup struct {
	Options render.Options
	Output  string
	Format  render.Format
	// HTML is an interactive map (-o *.html) instead of an image.
	HTML   bool
	Weight located.Weight
	// Include are the categories below risk 2 drawn as well (--include).
	Include []classify.Category
	// Borders are the user's --borders polygons; nil for the embedded ones.
	Borders     orb.MultiPolygon
	BordersName string
}

// build checks the flags and reads the --borders file. Errors are usage
// errors (exit 1).
func (f *renderFlags) build() (*renderSetup, error) {
	s := &renderSetup{Output: f.out}
	var err error
	if f.out == "-" {
		s.Format = render.PNG
	} else if isHTML(f.out) {
		s.HTML = true
	} else if s.Format, err = render.FormatOf(f.out); err != nil {
		return nil, usageErrorf("-o %s: want a .png, .svg, .pdf or .html file", f.out)
	}
	o := &s.Options
	if o.Size, err = f.parseSize(s.Format == render.PDF); err != nil {
		return nil, err
	}
	if o.Extent, err = f.extent(); err != nil {
		return nil, err
	}
	if f.bandwidth != "" {
		if o.Bandwidth, err = render.ParseBandwidth(f.bandwidth); err != nil {
			return nil, usageErrorf("--bandwidth: %v", err)
		}
	}
	switch f.weight {
	case "risk":
		s.Weight, o.ColorBarLabel = located.WeightRisk, "Risk Score"
	case "count":
		s.Weight, o.ColorBarLabel = located.WeightEvents, "Events"
	default:
		return nil, usageErrorf("--weight %q: want risk or count", f.weight)
	}
	if s.Include, err = parseInclude(f.include); err != nil {
		return nil, err
	}
	if o.Scale, err = render.ParseScale(f.scale); err != nil {
		return nil, usageErrorf("--scale: %v", err)
	}
	if o.Theme, err = render.ThemeByName(f.theme); err != nil {
		return nil, usageErrorf("--theme: %v", err)
	}
	o.Transparent = f.transparent
	o.Choropleth = render.ChoroplethMode(f.choropleth)
	o.Bare = f.bare
	o.Title = f.title
	if f.borders != "" {
		if s.Borders, err = readBorders(f.borders); err != nil {
			return nil, err
		}
		s.BordersName = filepath.Base(f.borders)
	}
	check := render.Map{Options: s.Options}
	if _, _, err := check.PixelSize(); err != nil {
		return nil, usageErrorf("%v", err)
	}
	return s, nil
}

// parseSize reads --size, --width and --dpi; a PDF without --size or
// --width gets defaultPDFPage.
func (f *renderFlags) parseSize(pdf bool) (render.Size, error) {
	var sz render.Size
	name := strings.ToLower(f.size)
	if name == "" && f.width == 0 && pdf {
		name = defaultPDFPage
	}
	paper, isPaper := paperSize(name, f.dpi)
	switch p, ok := sizePresets[name]; {
	case name == "":
	case ok:
		sz = p
	case isPaper:
		sz = paper
	default:
		w, h, found := strings.Cut(strings.ToLower(f.size), "x")
		wi, err1 := strconv.Atoi(w)
		hi, err2 := strconv.Atoi(h)
		if !found || err1 != nil || err2 != nil || wi <= 0 || hi <= 0 {
			return sz, usageErrorf("--size %q: want WxH in pixels (e.g. 1920x1080) or one of %s", f.size, strings.Join(sizeNames(), ", "))
		}
		sz = render.Size{Width: wi, Height: hi}
	}
	if f.width < 0 || f.dpi < 0 {
		return sz, usageErrorf("--width and --dpi must be positive")
	}
	if f.width > 0 {
		if f.size != "" {
			return sz, usageErrorf("give --size or --width, not both")
		}
		sz.Width = f.width
	}
	if f.dpi > 0 {
		sz.DPI = f.dpi
	}
	return sz, nil
}

// parseBBox parses minLon,minLat,maxLon,maxLat.
func parseBBox(s string) (render.Extent, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return render.Extent{}, usageErrorf("--bbox %q: want minLon,minLat,maxLon,maxLat", s)
	}
	var v [4]float64
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return render.Extent{}, usageErrorf("--bbox %q: %q is not a number", s, p)
		}
		v[i] = x
	}
	e := render.Extent{MinLon: v[0], MinLat: v[1], MaxLon: v[2], MaxLat: v[3]}
	if e.MaxLon < e.MinLon {
		e.MaxLon += 360 // across the antimeridian: 120,…,-150,… is 120°E to 150°W
	}
	if err := e.Validate(); err != nil {
		return render.Extent{}, usageErrorf("--bbox: %v", err)
	}
	return e, nil
}

// newMap returns a Map with the flags' look, the basemap and its
// attribution; the caller adds the data, the caption and any further
// attribution (the geolocation source).
func (s *renderSetup) newMap(world *assets.World) *render.Map {
	m := &render.Map{Options: s.Options, World: world, Borders: s.Borders}
	m.Attribution = append(m.Attribution, assets.NaturalEarthAttribution)
	if s.BordersName != "" {
		m.Attribution[0] = "Land: Natural Earth (public domain) via world-atlas; borders: " + s.BordersName
	}
	return m
}

// refuseTerminal refuses to write a PNG or PDF to stdout when stdout is a
// terminal: the bytes would garble it.
func (s *renderSetup) refuseTerminal(stdout io.Writer) error {
	if s.Output == "-" && s.Format != render.SVG && isTerminal(stdout) {
		return usageErrorf("-o - would write a %s image to the terminal; redirect stdout (> map.%s) or name a file with -o", strings.ToUpper(s.Format.String()), s.Format)
	}
	return nil
}

// write draws m into the output file, atomically, or to stdout.
func (s *renderSetup) write(stdout io.Writer, m *render.Map) error {
	return writeAtomic(s.Output, stdout, func(w io.Writer) error { return m.Write(w, s.Format) })
}

// extent is the map's extent from --bbox or --region; the zero extent is
// the default world view.
func (f *renderFlags) extent() (render.Extent, error) {
	switch {
	case f.bbox != "" && f.region != "":
		return render.Extent{}, usageErrorf("give --bbox or --region, not both")
	case f.bbox != "":
		return parseBBox(f.bbox)
	case f.region != "":
		e, err := render.Region(f.region)
		if err != nil {
			return e, usageErrorf("--region: %v", err)
		}
		return e, nil
	}
	return render.Extent{}, nil
}

// readBorders reads the --borders file.
func readBorders(path string) (orb.MultiPolygon, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usageErrorf("--borders: %v", err)
	}
	b, err := render.DecodeBorders(filepath.Base(path), data)
	if err != nil {
		return nil, usageErrorf("--borders: %v", err)
	}
	return b, nil
}

// parseInclude reads --include: category names, comma-separated.
func parseInclude(v string) ([]classify.Category, error) {
	var out []classify.Category
	for name := range strings.SplitSeq(v, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		c, ok := classify.ParseThreat(name)
		if !ok || c == classify.Legit {
			return nil, usageErrorf("--include %q: want categories such as noise, good_bot, vpn", name)
		}
		out = append(out, c)
	}
	return out, nil
}

// aggregate returns an empty aggregation with the flags' weight and scope.
func (s *renderSetup) aggregate(loc geo.Locator) *located.Aggregate {
	return &located.Aggregate{Weight: s.Weight, Include: s.Include, Locator: loc, View: s.Options.View()}
}
