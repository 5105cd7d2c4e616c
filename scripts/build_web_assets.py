"""Vendor the workbench's map library: copy Leaflet from its npm package into the tacitus package data.

The workbench must run offline (no CDN, no tile server), so the library ships inside the package with its licence.
Input: the npm package `leaflet@VERSION`, fetched with `npm pack` and checked against the registry's integrity hash
written here; output: src/tacitus/web/static/vendor/leaflet/ (leaflet.js, leaflet.css, images/, LICENSE).
Re-running gives the same files. Run: `python scripts/build_web_assets.py`.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "tacitus" / "web" / "static" / "vendor" / "leaflet"
PACKAGE = "leaflet"
VERSION = "1.9.4"
INTEGRITY = "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=="
# Files taken from the package (paths inside its tarball, under package/) and where they go under TARGET.
FILES = {
    "dist/leaflet.js": "leaflet.js",
    "dist/leaflet.css": "leaflet.css",
    "dist/images/layers.png": "images/layers.png",
    "dist/images/layers-2x.png": "images/layers-2x.png",
    "dist/images/marker-icon.png": "images/marker-icon.png",
    "dist/images/marker-icon-2x.png": "images/marker-icon-2x.png",
    "dist/images/marker-shadow.png": "images/marker-shadow.png",
    "LICENSE": "LICENSE",
}


def fetch(workdir: Path) -> Path:
    """`npm pack` the pinned version and check its integrity hash; returns the tarball."""
    done = subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent", "--pack-destination", str(workdir)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"npm pack {PACKAGE}@{VERSION} failed: {done.stderr.strip().splitlines()[-1:]}")
    tarball = workdir / done.stdout.strip().splitlines()[-1]
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if digest != INTEGRITY:
        sys.exit(f"{tarball.name}: integrity {digest} does not match the pinned {INTEGRITY}")
    return tarball


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tarball = fetch(Path(tmp))
        with tarfile.open(tarball) as archive:
            if TARGET.exists():
                shutil.rmtree(TARGET)
            for inside, outside in FILES.items():
                member = archive.extractfile(f"package/{inside}")
                if member is None:
                    sys.exit(f"{tarball.name}: no {inside}")
                path = TARGET / outside
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(member.read())
    print(f"{PACKAGE} {VERSION} → {TARGET.relative_to(ROOT)} ({len(FILES)} files)")


if __name__ == "__main__":
    main()
