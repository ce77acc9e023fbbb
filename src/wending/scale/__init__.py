"""Running the pipeline past one machine: PySpark extraction over partitions
(:mod:`wending.scale.spark`), what each partition runs
(:mod:`wending.scale.partitions`) and the Parquet layout of its events
(:mod:`wending.scale.parquet`). See docs/scale.md."""
