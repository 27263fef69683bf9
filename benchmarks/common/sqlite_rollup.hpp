#pragma once
// The per-unit rollup in SQLite, shared by bench_sqlite (tasks inserted from the model, integer
// ids, dates as day numbers) and bench_end_to_end (imported from the CSV files, the files' text
// keys, dates as ISO text): both fill the same two tables, so one query text serves both.
//
//   units(id PRIMARY KEY, parent)
//   tasks(id PRIMARY KEY, unit, due, completed, duration, weight, percent, cancelled, leaf)
//
// Dates compare the same as day numbers or as ISO `YYYY-MM-DD` text; the as-of date is bound
// to ?1 in the same representation. The indexes: units(parent) for the closure's step and a
// covering index on tasks(unit, every column the query reads), so the per-unit scan reads the
// index in order instead of looking each row up (2× faster than an index on tasks(unit) alone).
#include <plangraph/rollup.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace plangraph_bench::sqlite {

inline void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

inline void exec(sqlite3* db, const char* sql) { check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql); }

struct statement {
    sqlite3_stmt* s = nullptr;
    statement(sqlite3* db, const std::string& sql) { check(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), db, sql.c_str()); }
    ~statement() { sqlite3_finalize(s); }
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;
};

/// Built after the rows are in (one sort each, instead of updating the index row by row).
inline constexpr const char* index_sql =
    "CREATE INDEX units_parent ON units(parent);"
    " CREATE INDEX tasks_unit ON tasks(unit, cancelled, completed, due, weight, duration, percent, leaf); ANALYZE;";

// The status rules of status.hpp (0 done_on_time, 1 done_late, 2 in_progress, 3 overdue, 4 cancelled).
inline const std::string status_sql =
    "CASE WHEN cancelled THEN 4"
    " WHEN completed IS NOT NULL AND completed <= ?1 THEN (CASE WHEN due IS NULL OR completed <= due THEN 0 ELSE 1 END)"
    " WHEN due IS NULL OR ?1 <= due THEN 2 ELSE 3 END";
inline const std::string closure_sql =
    "WITH RECURSIVE closure(ancestor, unit) AS ("
    " SELECT id, id FROM units UNION ALL SELECT c.ancestor, u.id FROM closure c JOIN units u ON u.parent = c.unit), ";
inline const std::string figures_sql =
    "SUM(st = 0) AS n0, SUM(st = 1) AS n1, SUM(st = 2) AS n2, SUM(st = 3) AS n3, SUM(st = 4) AS n4,"
    " SUM(CASE WHEN st < 4 THEN weight ELSE 0.0 END) AS w, SUM(CASE WHEN st < 2 THEN weight ELSE 0.0 END) AS wd,"
    " SUM(CASE WHEN st < 4 AND leaf THEN duration ELSE 0.0 END) AS d,"
    " SUM(CASE WHEN st < 4 AND leaf THEN duration * (CASE WHEN st < 2 THEN 1.0 ELSE percent / 100.0 END) ELSE 0.0 END) AS dd";

/// closure(ancestor, unit) by recursive CTE, joined to every task, grouped by ancestor: how the
/// question is usually written.
inline const std::string join_query = closure_sql + "s AS (SELECT unit, weight, duration, percent, leaf, " + status_sql +
                                      " AS st FROM tasks) SELECT c.ancestor, " + figures_sql +
                                      " FROM closure c JOIN s ON s.unit = c.unit GROUP BY c.ancestor";
/// Tasks grouped per unit first, then the closure joined to the unit rows: the fastest form we
/// found, so the baseline is not a strawman.
inline const std::string grouped_query =
    closure_sql + "per_unit AS (SELECT unit, " + figures_sql + " FROM (SELECT unit, weight, duration, percent, leaf, " +
    status_sql + " AS st FROM tasks) GROUP BY unit) SELECT c.ancestor, SUM(p.n0), SUM(p.n1), SUM(p.n2), SUM(p.n3), SUM(p.n4), "
    "SUM(p.w), SUM(p.wd), SUM(p.d), SUM(p.dd) FROM closure c JOIN per_unit p ON p.unit = c.unit GROUP BY c.ancestor";

/// Steps a query whose as-of date is bound; `row_of(s)` names the row (unit index) of the
/// current result row from its column 0. Units without tasks stay zero.
template <class RowOf>
std::vector<plangraph::status_counts> figures(sqlite3* db, sqlite3_stmt* s, std::size_t units, RowOf&& row_of) {
    std::vector<plangraph::status_counts> rows(units);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        auto& r = rows.at(row_of(s));
        for (int k = 0; k < 5; ++k) r.by_status[static_cast<std::size_t>(k)] = static_cast<std::uint64_t>(sqlite3_column_int64(s, 1 + k));
        r.weight = sqlite3_column_double(s, 6);
        r.weight_done = sqlite3_column_double(s, 7);
        r.duration = sqlite3_column_double(s, 8);
        r.duration_done = sqlite3_column_double(s, 9);
    }
    check(rc, db, "query");
    sqlite3_reset(s);
    return rows;
}

/// Counts equal, sums equal to 1e-9 relative (SQLite adds in another order).
inline bool same_figures(const std::vector<plangraph::status_counts>& a, const std::vector<plangraph::status_counts>& b) {
    if (a.size() != b.size()) return false;
    auto close = [](double x, double y) { return std::abs(x - y) <= 1e-9 * std::max({1.0, std::abs(x), std::abs(y)}); };
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].by_status != b[i].by_status || !close(a[i].weight, b[i].weight) || !close(a[i].weight_done, b[i].weight_done) ||
            !close(a[i].duration, b[i].duration) || !close(a[i].duration_done, b[i].duration_done))
            return false;
    return true;
}

}  // namespace plangraph_bench::sqlite
