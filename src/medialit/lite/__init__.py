"""The book's notebooks live in the browser: a JupyterLite site with the Pyodide kernel, offline.

One module per job:

- :mod:`.pins` — the committed pins: ``lite/requirements.txt`` (wheels, with sha256) and
  ``lite/package.json`` / ``package-lock.json`` (the ``pyodide`` npm package).
- :mod:`.fetch` — download what the pins name from the registries into a cache, verified by hash.
- :mod:`.pyodide_lock` — write the site's own ``pyodide-lock.json`` from those wheels.
- :mod:`.notebooks` — the notebooks as the site and the downloads carry them (install-check cell).
- :mod:`.site` — run ``jupyter lite build`` and put the runtime, wheels and notebooks in place.
- :mod:`.remote` — the build check: no config or lock of the site names a remote URL.
- :mod:`.serve` — ``medialit serve``: the built book on a fixed localhost port.
- :mod:`.sphinx` — the "Run in your browser" button on each notebook page.

Nothing here is imported on the student path; the build needs ``medialit[book]``.
"""

LITE_DIR = "lite"  # the site's folder inside the built book (_build/html/lite/)
WHEEL_DIR = "wheel"  # the medialit wheel, for a local install (_build/html/wheel/)
DEFAULT_PORT = 8765  # `medialit serve` / `make serve`
