/* pq.h — libpq, loaded when the first PostgreSQL connection is made.
 *
 * tide does not link libpq: a SQLite user would pay for loading it and the
 * thirty libraries it brings (TLS, Kerberos, LDAP) at every start, about
 * half of a `tide` command's start-up. Instead pg_pq_load() opens
 * libpq.so.5 with dlopen once and fills pg_pq with the functions the driver
 * calls; the macros below make every `PQexec(...)` of the driver a call
 * through that table, so the driver's code reads as plain libpq.
 * Include this instead of <libpq-fe.h>; call pg_pq_load() before any PQ*
 * function (pg_connect does: every other entry has a connection). */
#ifndef TIDE_PG_PQ_H
#define TIDE_PG_PQ_H

#include <libpq-fe.h>

#include "tide.h"

/* Every libpq function the driver calls, once. */
#define PG_PQ_FUNCTIONS(X) \
    X(PQbackendPID) X(PQcancel) X(PQclear) X(PQcmdStatus) X(PQcmdTuples) \
    X(PQconndefaults) X(PQconnectPoll) X(PQconnectStartParams) X(PQconnectdbParams) \
    X(PQconninfo) X(PQconninfoFree) X(PQconsumeInput) X(PQdb) X(PQerrorMessage) \
    X(PQexec) X(PQexecParams) X(PQexecPrepared) X(PQfinish) X(PQfname) \
    X(PQfreeCancel) X(PQfreemem) X(PQftype) X(PQgetCancel) X(PQgetCopyData) \
    X(PQgetResult) X(PQgetisnull) X(PQgetlength) X(PQgetvalue) X(PQhost) \
    X(PQisBusy) X(PQnfields) X(PQntuples) X(PQpass) X(PQport) X(PQprepare) \
    X(PQputCopyEnd) X(PQresultErrorField) X(PQresultStatus) X(PQsendQuery) \
    X(PQsendQueryParams) X(PQsendQueryPrepared) X(PQsetNoticeProcessor) \
    X(PQsocket) X(PQstatus) X(PQtransactionStatus) X(PQunescapeBytea) X(PQuser)

#define PG_PQ_MEMBER(name) __typeof__(name) *name;
struct pg_pq {
    PG_PQ_FUNCTIONS(PG_PQ_MEMBER)
};
#undef PG_PQ_MEMBER
extern struct pg_pq pg_pq;

/* Loads libpq (once; later calls return at once). The library is
 * $TIDE_LIBPQ when set (a path or a file name dlopen searches), else
 * libpq.so.5. 0, or TIDE_ECONNECT with what is missing and how to get it. */
int pg_pq_load(tide_err *err);

/* From here on, PQx(...) calls pg_pq.PQx (not in pq.c, which fills it). */
#ifndef PG_PQ_LOADER
#define PQbackendPID (pg_pq.PQbackendPID)
#define PQcancel (pg_pq.PQcancel)
#define PQclear (pg_pq.PQclear)
#define PQcmdStatus (pg_pq.PQcmdStatus)
#define PQcmdTuples (pg_pq.PQcmdTuples)
#define PQconndefaults (pg_pq.PQconndefaults)
#define PQconnectPoll (pg_pq.PQconnectPoll)
#define PQconnectStartParams (pg_pq.PQconnectStartParams)
#define PQconnectdbParams (pg_pq.PQconnectdbParams)
#define PQconninfo (pg_pq.PQconninfo)
#define PQconninfoFree (pg_pq.PQconninfoFree)
#define PQconsumeInput (pg_pq.PQconsumeInput)
#define PQdb (pg_pq.PQdb)
#define PQerrorMessage (pg_pq.PQerrorMessage)
#define PQexec (pg_pq.PQexec)
#define PQexecParams (pg_pq.PQexecParams)
#define PQexecPrepared (pg_pq.PQexecPrepared)
#define PQfinish (pg_pq.PQfinish)
#define PQfname (pg_pq.PQfname)
#define PQfreeCancel (pg_pq.PQfreeCancel)
#define PQfreemem (pg_pq.PQfreemem)
#define PQftype (pg_pq.PQftype)
#define PQgetCancel (pg_pq.PQgetCancel)
#define PQgetCopyData (pg_pq.PQgetCopyData)
#define PQgetResult (pg_pq.PQgetResult)
#define PQgetisnull (pg_pq.PQgetisnull)
#define PQgetlength (pg_pq.PQgetlength)
#define PQgetvalue (pg_pq.PQgetvalue)
#define PQhost (pg_pq.PQhost)
#define PQisBusy (pg_pq.PQisBusy)
#define PQnfields (pg_pq.PQnfields)
#define PQntuples (pg_pq.PQntuples)
#define PQpass (pg_pq.PQpass)
#define PQport (pg_pq.PQport)
#define PQprepare (pg_pq.PQprepare)
#define PQputCopyEnd (pg_pq.PQputCopyEnd)
#define PQresultErrorField (pg_pq.PQresultErrorField)
#define PQresultStatus (pg_pq.PQresultStatus)
#define PQsendQuery (pg_pq.PQsendQuery)
#define PQsendQueryParams (pg_pq.PQsendQueryParams)
#define PQsendQueryPrepared (pg_pq.PQsendQueryPrepared)
#define PQsetNoticeProcessor (pg_pq.PQsetNoticeProcessor)
#define PQsocket (pg_pq.PQsocket)
#define PQstatus (pg_pq.PQstatus)
#define PQtransactionStatus (pg_pq.PQtransactionStatus)
#define PQunescapeBytea (pg_pq.PQunescapeBytea)
#define PQuser (pg_pq.PQuser)
#endif

#endif
