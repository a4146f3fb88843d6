"""Files for people outside the notebook: CSV tables of a store and PNG images of charts.

CSV files are UTF-8 with a byte-order mark, so Excel shows Chinese names and lines correctly;
a text cell that starts with ``=``, ``+``, ``-`` or ``@`` gets a leading ``'`` so a spreadsheet
never runs a trainee's line as a formula.

PNG images are drawn by kaleido 1.x in a headless Chromium (Debian's ``/usr/bin/chromium``;
``BROWSER_PATH`` picks another).

    collectkit export --out results/            # attempts.csv, violations.csv, certifications.csv
    collectkit export --out results/ --png      # and the charts as PNG
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from .errors import CollectkitError, UsageError

TABLES = ("attempts", "violations", "certifications")
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/lib/chromium/chromium")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _folder(folder) -> Path:
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UsageError("this is a file, not a folder", path=folder,
                         fix="give --out a folder; the files are written inside it")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the folder: {exc.strerror}", path=folder) from None
    return folder


def _people(store, trainee_id, cohort_id):
    if trainee_id is not None and cohort_id is not None:
        raise UsageError("give at most one of trainee_id=... or cohort_id=...")
    if cohort_id is not None:
        return {t.id for t in store.trainees(cohort_id)}
    return None if trainee_id is None else {trainee_id}


def frames(store, *, trainee_id: int | None = None, cohort_id: int | None = None) -> dict:
    """``{"attempts": ..., "violations": ..., "certifications": ...}``: the DataFrames the CSV
    files hold, for everyone, one trainee or one cohort."""
    out = {"attempts": store.attempts_df(trainee_id, cohort_id=cohort_id),
           "violations": store.violations_df(trainee_id, cohort_id=cohort_id)}
    certs = store.certifications_df(trainee_id)
    people = _people(store, trainee_id, cohort_id)
    out["certifications"] = certs if people is None else certs[certs["trainee_id"].isin(people)]
    return out


def _spreadsheet_safe(frame):
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object or str(frame[column].dtype) in ("str", "string"):
            frame[column] = frame[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v)
    return frame


def export_csv(store, folder, *, trainee_id: int | None = None,
               cohort_id: int | None = None) -> dict[str, Path]:
    """Write ``attempts.csv``, ``violations.csv`` and ``certifications.csv`` into ``folder``
    (created if needed); returns ``{table: path}``. Columns are those of the ``*_df()`` frames.

    >>> export_csv(store, "results")["violations"]
    PosixPath('results/violations.csv')
    """
    folder = _folder(folder)
    written = {}
    for name, frame in frames(store, trainee_id=trainee_id, cohort_id=cohort_id).items():
        path = folder / f"{name}.csv"
        try:
            _spreadsheet_safe(frame).to_csv(path, index=False, encoding="utf-8-sig",
                                            date_format="%Y-%m-%d %H:%M:%S")
        except OSError as exc:
            raise UsageError(f"cannot write: {exc.strerror}", path=path) from None
        written[name] = path
    return written


# ------------------------------------------------------------------ PNG


def find_chromium() -> str:
    """The Chromium kaleido should drive: ``BROWSER_PATH`` if set, else one on ``PATH``."""
    chosen = os.environ.get("BROWSER_PATH", "").strip()
    if chosen:
        if Path(chosen).is_file() and os.access(chosen, os.X_OK):
            return chosen
        raise CollectkitError(f"BROWSER_PATH={chosen!r} is not an executable file",
                              fix="point it at chromium (e.g. /usr/bin/chromium) or unset it")
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    for path in CHROMIUM_PATHS:
        if Path(path).is_file() and os.access(path, os.X_OK):
            return path
    raise CollectkitError("PNG export needs Chromium and none was found",
                          fix="apt-get install chromium, or set BROWSER_PATH to a Chrome or "
                              "Chromium executable")


@contextmanager
def _browser_path(path: str):
    """kaleido (through choreographer) reads ``BROWSER_PATH`` when it starts the browser."""
    before = os.environ.get("BROWSER_PATH")
    os.environ["BROWSER_PATH"] = path
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("BROWSER_PATH", None)
        else:
            os.environ["BROWSER_PATH"] = before


def save_pngs(figures: dict, folder, *, width: int = 1000, height: int = 600,
              scale: float = 1.0) -> dict[str, Path]:
    """Write ``{name: figure}`` as ``folder/name.png`` with one Chromium start; returns paths."""
    folder = _folder(folder)
    if not figures:
        return {}
    paths = {name: folder / f"{name}.png" for name in figures}
    from importlib.metadata import PackageNotFoundError, version

    try:
        kaleido = version("kaleido")
    except PackageNotFoundError:
        kaleido = None
    if kaleido is None or int(kaleido.split(".")[0]) < 1:
        # kaleido 0.2 bundled its own browser; plotly now needs 1.x, which drives Chromium.
        raise CollectkitError(f"PNG export needs kaleido 1.x (found: {kaleido or 'none'})",
                              fix="pip install 'kaleido>=1'")
    import plotly.io as pio

    with _browser_path(find_chromium()):
        try:
            pio.write_images(list(figures.values()), [str(p) for p in paths.values()],
                             format="png", width=width, height=height, scale=scale)
        except CollectkitError:
            raise
        except Exception as exc:  # noqa: BLE001 - kaleido/Chromium failures are one line
            detail = " ".join(str(exc).split())[:200] or type(exc).__name__
            raise CollectkitError(f"Chromium could not draw the chart: {detail}",
                                  fix="check that chromium starts (chromium --headless "
                                      "--version), or set BROWSER_PATH") from None
    return paths


def save_png(fig, path, *, width: int = 1000, height: int = 600, scale: float = 1.0) -> Path:
    """Write one plotly figure as a PNG file.

    >>> save_png(charts.learning_curve(store.attempts_df()), "progress.png")
    PosixPath('progress.png')
    """
    path = Path(path)
    if path.suffix.lower() != ".png":
        raise UsageError("the file name must end in .png", path=path)
    return save_pngs({path.stem: fig}, path.parent, width=width, height=height,
                     scale=scale)[path.stem]


def export_charts(store, folder, *, trainee_id: int | None = None,
                  cohort_id: int | None = None, lang: str = "en") -> dict[str, Path]:
    """The charts of everyone, a trainee or a cohort as PNG files in ``folder``."""
    from . import charts

    data = frames(store, trainee_id=trainee_id, cohort_id=cohort_id)
    attempts, violations = data["attempts"], data["violations"]
    figures = {"learning_curve": charts.learning_curve(attempts, lang=lang),
               "violation_heatmap": charts.violation_heatmap(violations, lang=lang),
               "top_rules": charts.top_rules(violations, lang=lang),
               "technique_radar": charts.technique_radar(attempts, lang=lang),
               "drill_pass_rate": charts.drill_pass_rate(attempts, drills=store.drills_df(),
                                                         lang=lang)}
    return save_pngs(figures, folder)
