/* checks.h — what every fuzz target that ends with a schema model asks of
 * it (snapshot, sqlite_introspect): it survives the snapshot writer and
 * reader unchanged, the DSL writer gives Lua that compiles, and the diff
 * from nothing and both emitters handle it. Each check aborts on failure,
 * which libFuzzer reports as a crash. */
#ifndef TIDE_FUZZ_CHECKS_H
#define TIDE_FUZZ_CHECKS_H

#include "model/model.h"

/* s is finished. */
void check_schema(const tide_schema *s);

#endif
