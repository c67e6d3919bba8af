#!/usr/bin/env python3
"""The matplotlib figure threatmap's render benchmark is compared with.

    bench_matplotlib.py gen N OUT.csv     # N weighted points, lat,lon,weight
    bench_matplotlib.py plot IN.csv OUT.png

`gen` writes a deterministic CSV (a fixed random state): points scattered around
fifteen cities, weights 1-5. `plot` draws the classic threat map the way a
matplotlib script does: a 90x45 weighted histogram2d of the points, drawn
with pcolormesh and Gouraud shading, under the Natural Earth 1:50m borders
and coastlines that threatmap embeds (assets/data/countries-50m.json,
TopoJSON arcs decoded here), saved as a 2000x2000 PNG. Needs numpy and
matplotlib (Debian: python3-matplotlib).
"""
import json
import os
import random
import sys

CITIES = [(39.9, 116.4), (40.7, -74.0), (55.7, 37.6), (52.4, 4.9), (48.8, 2.3),
          (28.6, 77.2), (-23.5, -46.6), (-6.2, 106.8), (35.7, 139.7), (37.5, 127.0),
          (1.3, 103.8), (51.5, -0.1), (34.0, -118.2), (-33.9, 151.2), (19.4, -99.1)]


def gen(n, path):
    r = random.Random(1)
    with open(path, "w") as f:
        f.write("lat,lon,weight\n")
        for _ in range(n):
            lat, lon = r.choice(CITIES)
            lat = max(-80.0, min(80.0, r.gauss(lat, 6)))
            lon = max(-179.9, min(179.9, r.gauss(lon, 10)))
            f.write("%.4f,%.4f,%d\n" % (lat, lon, r.randint(1, 5)))


def border_lines(path):
    """The topology's arcs as lon, lat polylines: every border and coast,
    broken where they cross the antimeridian."""
    with open(path) as f:
        topo = json.load(f)
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    lines = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            p = (x * sx + tx, y * sy + ty)
            if pts and abs(p[0] - pts[-1][0]) > 180:
                lines.append(pts)
                pts = []
            pts.append(p)
        lines.append(pts)
    return lines


def plot(src, out):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.collections import LineCollection

    data = np.loadtxt(src, delimiter=",", skiprows=1)
    lat, lon, weight = data[:, 0], data[:, 1], data[:, 2]
    hist, xedges, yedges = np.histogram2d(lon, lat, bins=(90, 45), range=((-180, 180), (-90, 90)), weights=weight)
    xc = (xedges[:-1] + xedges[1:]) / 2
    yc = (yedges[:-1] + yedges[1:]) / 2

    fig = plt.figure(figsize=(20, 20), dpi=100)
    ax = fig.add_axes((0.02, 0.1, 0.96, 0.8))
    ax.set_facecolor("#dfe8f0")
    mesh = ax.pcolormesh(xc, yc, np.log1p(hist.T), shading="gouraud", cmap="hot_r", alpha=0.9)
    here = os.path.dirname(os.path.abspath(__file__))
    world = os.path.join(here, "..", "assets", "data", "countries-50m.json")
    ax.add_collection(LineCollection(border_lines(world), colors="#555555", linewidths=0.6))
    ax.set_xlim(-180, 180)
    ax.set_ylim(-60, 85)
    ax.set_aspect("equal")
    ax.set_title("Malicious activity by source location", fontsize=28)
    fig.colorbar(mesh, ax=ax, orientation="horizontal", fraction=0.04, pad=0.04, label="log(1 + weight)")
    fig.savefig(out, dpi=100)


def main(argv):
    if len(argv) == 4 and argv[1] == "gen":
        gen(int(argv[2]), argv[3])
    elif len(argv) == 4 and argv[1] == "plot":
        plot(argv[2], argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
