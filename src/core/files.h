/* files.h — reading a whole file and replacing one atomically (internal;
 * core/files.c). */
#ifndef TIDE_FILES_H
#define TIDE_FILES_H

#include "tide.h"
#include "core/buf.h"

/* Reads a whole file into out (appending). TIDE_EIO naming the path. */
int  tide_file_read(const char *path, tide_buf *out, tide_err *err);

/* Writes data to path atomically: a temporary file in the same directory,
 * fsync, rename over path. On failure path is untouched and no temporary
 * file is left behind. TIDE_EIO naming the path and the reason. With
 * exclusive set, fails when path already exists. */
int  tide_file_write_atomic(const char *path, const char *data, size_t len, int exclusive,
                            tide_err *err);

#endif
