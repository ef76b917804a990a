#ifndef CLMDB_SHIM_H
#define CLMDB_SHIM_H
// LMDB's C API, from Debian's liblmdb-dev (`apt-get install liblmdb-dev`).
#include <lmdb.h>
#endif
