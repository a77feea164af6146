"""Ray Data: clean on a Ray cluster (``pip install 'cleaner[ray]'``).

``clean_dataset`` cleans the text column of any Ray dataset, so a pipeline
reads and writes with Ray's own readers and writers::

    import ray
    from cleaner.ray import clean_dataset
    ds = ray.data.read_json("s3://bucket/crawl/", lines=True)
    clean_dataset(ds, Config(preset="article-body")).write_json("s3://bucket/clean/")

``cleaner clean --engine ray`` runs the ordinary ``clean`` of a tree with
its files cleaned by a pool of Ray actors (``outcomes_on_ray``); the driver
writes the outputs and logs in processing order, so the folder it writes is
byte for byte what the local engine writes, and ``restore`` works on it.

Ray is imported inside the functions, never when ``cleaner`` is imported; this
module's absolute ``import ray`` finds the real package, not itself.
"""

from __future__ import annotations

import json
import logging
import pickle
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from cleaner.config import Config
from cleaner.engine import Cleaner
from cleaner.files import Source
from cleaner.formats import ReadOptions
from cleaner.project import Project
from cleaner.processing import Item, Outcome, process

#: Most files per batch sent to an actor by ``--engine ray`` (each batch costs a task and a block; fewer,
#: larger batches ran the 20 MB benchmark corpus in 16 s instead of 22 s, Ray's start-up of about 8 s included).
MAX_FILES_PER_BATCH = 64
#: ...but each actor gets at least this many batches, so that a small corpus still keeps them all busy.
BATCHES_PER_ACTOR = 4


class _CleanTexts:
    """A Ray Data UDF: each actor builds its ``Cleaner`` once, then cleans Arrow batches."""

    def __init__(self, config: Config | None, text_key: str, changes_key: str | None) -> None:
        self.cleaner = Cleaner(config)
        self.text_key, self.changes_key = text_key, changes_key

    def __call__(self, table: Any) -> Any:
        import pyarrow as pa

        texts = table.column(self.text_key).to_pylist()
        # As ``Cleaner.clean_records`` cleans a record's text (not as a file's).
        cleaned_records = self.cleaner.clean_records(({"text": t} for t in texts if isinstance(t, str)), "text", None)
        results = [next(cleaned_records)[1] if isinstance(text, str) else None for text in texts]
        cleaned = [result.text if result else text for result, text in zip(results, texts)]
        table = _put_column(table, self.text_key, pa.array(cleaned, pa.string()))
        if self.changes_key is None:
            return table
        changes = [json.dumps([c.to_dict() for c in result.changes], ensure_ascii=False) if result else None
                   for result in results]
        return _put_column(table, self.changes_key, pa.array(changes, pa.string()))


def _put_column(table: Any, name: str, values: Any) -> Any:
    at = table.schema.get_field_index(name)
    return table.append_column(name, values) if at == -1 else table.set_column(at, name, values)


def clean_dataset(ds: Any, config: Config | None = None, text_key: str = "text", changes_key: str | None = "changes",
                  concurrency: int | None = None) -> Any:
    """``ds`` with the ``text_key`` column cleaned, as a lazy ``ray.data.Dataset``.

    The other columns are untouched. ``changes_key`` (unless None) gets each
    row's changes as a JSON array (a string: the changes' ``scores`` vary in
    shape, which an Arrow column cannot hold). A row whose text is not a
    string is passed through, with null changes. ``concurrency`` actors
    each build their ``Cleaner`` once; by default the pool grows from one to
    one per CPU of the cluster (a fixed pool of every CPU would leave none for
    the read tasks before it: Ray would wait forever).
    """
    import ray

    pool = ray.data.ActorPoolStrategy(size=concurrency) if concurrency else ray.data.ActorPoolStrategy(
        min_size=1, max_size=_cpus())
    return ds.map_batches(_CleanTexts, batch_format="pyarrow", compute=pool,
                          fn_constructor_kwargs={"config": config, "text_key": text_key, "changes_key": changes_key})


def _cpus() -> int:
    import ray

    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def connect(address: str | None = None) -> None:
    """Join the Ray cluster at ``address`` ("auto": the one this machine belongs to), or start a local one
    (whose start-up messages below warnings are left out)."""
    import ray

    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False


class _ProcessFiles:
    """A Ray Data UDF: each actor cleans whole files exactly as the local engine does."""

    def __init__(self, project: Project, options: ReadOptions) -> None:
        self.project, self.options = project, options

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        found = [process(Source(Path(path), Path(relative)), self.project, self.options)
                 for path, relative in zip(batch["path"], batch["relative"])]
        return {"index": batch["index"], "outcome": [pickle.dumps(outcome) for outcome in found]}


def outcomes_on_ray(address: str | None = None) -> Callable[..., Iterator[Outcome]]:
    """A drop-in for ``processing.outcomes`` that cleans the files on Ray, yielding them in order."""
    def outcomes(items: Iterable[Item], project: Project, options: ReadOptions = ReadOptions(),
                 in_place: bool = False) -> Iterator[Outcome]:
        items = list(items)
        connect(address)
        done = iter(_ray_outcomes([item for item in items if isinstance(item, Source)], project, options))
        for item in items:  # a source that does not exist is reported where the local engine would
            yield next(done) if isinstance(item, Source) else process(item, project, options, in_place)
    return outcomes


def _ray_outcomes(sources: list[Source], project: Project, options: ReadOptions) -> Iterator[Outcome]:
    """Each source's outcome, in the order of ``sources`` (held back until the ones before it are in)."""
    import ray

    if not sources:
        return
    rows = [{"index": i, "path": str(s.path), "relative": str(s.relative)} for i, s in enumerate(sources)]
    actors = _cpus()
    per_batch = max(1, min(MAX_FILES_PER_BATCH, len(rows) // (actors * BATCHES_PER_ACTOR)))
    batches = -(-len(rows) // per_batch)
    ds = ray.data.from_items(rows, override_num_blocks=batches)
    ds = ds.map_batches(_ProcessFiles, batch_size=per_batch, batch_format="numpy",
                        compute=ray.data.ActorPoolStrategy(size=min(actors, batches)),
                        fn_constructor_kwargs={"project": project, "options": options})
    waiting: dict[int, Outcome] = {}
    following = 0
    for row in ds.iter_rows():
        waiting[int(row["index"])] = pickle.loads(row["outcome"])
        while following in waiting:
            yield waiting.pop(following)
            following += 1
