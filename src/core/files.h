/* files.h — reading a whole file, replacing one atomically, and listing
 * the files of a folder (internal; core/files.c). */
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

/* The same written piece by piece (a large file is not held whole in
 * memory): open makes the temporary file, write appends (a failure removes
 * it), commit puts it in place as tide_file_write_atomic does (a failure
 * removes it), abort removes it. */
typedef struct tide_file_out {
    int fd;
    tide_buf tmp;            /* the temporary file's path */
    const char *path;
} tide_file_out;

int  tide_file_out_open(tide_file_out *f, const char *path, tide_err *err);
int  tide_file_out_write(tide_file_out *f, const char *data, size_t len, tide_err *err);
int  tide_file_out_commit(tide_file_out *f, int exclusive, tide_err *err);
void tide_file_out_abort(tide_file_out *f);

/* One file of a folder listing. Owned by the list. */
typedef struct tide_dir_file {
    char *path;              /* dir/name (one slash between them) */
    const char *name;        /* the file name: the end of path */
} tide_dir_file;

typedef struct tide_dir_list {
    tide_dir_file *items;    /* sorted by name, byte order */
    int n;
} tide_dir_list;

/* Which files of a folder tide_dir_list takes, and how its messages name
 * the folder. Every field but what and setting is optional. */
typedef struct tide_dir_query {
    const char *what;        /* the folder in messages: "schema folder" */
    const char *setting;     /* the setting of tide.lua naming it, for the fix: "schema" */
    const char *suffix;      /* only names ending with it (and longer): ".lua"; NULL: any */
    int dot_files;           /* also names starting with a dot */
    /* 1: take the file, 0: skip it, or a negative code with err filled */
    int (*keep)(void *ud, const char *name, tide_err *err);
    void *ud;
} tide_dir_query;

/* The regular files (symlinks followed) directly in dir that q takes,
 * sorted by name, in *out (zeroed first, left empty on failure). TIDE_EIO
 * when dir is missing, not a folder or unreadable ("schema folder 'x' does
 * not exist (create it, or set schema in tide.lua)"), TIDE_ENOMEM, or the
 * code keep returned. */
int  tide_dir_list_files(tide_dir_list *out, const char *dir, const tide_dir_query *q, tide_err *err);
void tide_dir_list_free(tide_dir_list *l);   /* leaves it empty */

/* 0 when dir is a readable folder; else the TIDE_EIO tide_dir_list_files
 * would give, naming it as q does (what, setting). */
int  tide_dir_check(const char *dir, const tide_dir_query *q, tide_err *err);

#endif
