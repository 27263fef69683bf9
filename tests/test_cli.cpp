// The `plangraph` command line, black-box, against DESIGN.md: random models written as model
// directories, the CLI run as a process, its JSON compared field by field with the independent
// oracle of oracle.hpp; then each promise of DESIGN.md's CLI and file-format sections.
#include "oracle.hpp"

#include <doctest/doctest.h>

#ifndef PLANGRAPH_CLI

TEST_CASE("cli.skipped_without_the_cli") { MESSAGE("PLANGRAPH_CLI is not defined (examples not built): CLI tests skipped"); }

#else

#include <plangraph/generate.hpp>
#include <plangraph/io/csv.hpp>
#include <plangraph/plangraph.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// ---- running the CLI --------------------------------------------------------------------------

struct run_result {
    int exit = -1;
    std::string out{}, err{};
};

std::string quoted(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// A fresh directory, removed at the end of the scope.
struct temp_dir {
    fs::path path;
    temp_dir() {
        static int counter = 0;
        path = fs::temp_directory_path() /
               ("plangraph_cli_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    void write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
    }
    std::string str() const { return path.string(); }
};

run_result run(const std::vector<std::string>& args) {
    temp_dir scratch;
    std::string cmd = quoted(PLANGRAPH_CLI);
    for (const auto& a : args) cmd += " " + quoted(a);
    cmd += " 2>" + quoted((scratch.path / "stderr").string());
    run_result r;
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    std::array<char, 65536> buf{};
    for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), p)) > 0;) r.out.append(buf.data(), n);
    int status = ::pclose(p);
    r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = slurp(scratch.path / "stderr");
    return r;
}

json parse_json(const run_result& r) {
    INFO("stdout: ", r.out.substr(0, 400), "\nstderr: ", r.err);
    REQUIRE(r.exit == 0);
    REQUIRE(json::accept(r.out));  // stdout is pure JSON: no banner, no warning
    return json::parse(r.out);
}

// ---- writing model directories by hand ----------------------------------------------------------

/// How a hand-written directory is laid out: the format's freedoms, used at random.
struct layout {
    bool crlf = false, bom = false, shuffle = false, extra_column = false, omit_empty = false;
};

std::string csv_file(std::vector<std::string> header, std::vector<std::vector<std::string>> rows, const layout& l,
                     std::mt19937& rng) {
    std::vector<std::size_t> order(header.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (l.shuffle) std::shuffle(order.begin(), order.end(), rng);
    if (l.extra_column) {
        header.push_back("remark");
        order.insert(order.begin() + static_cast<long>(rng() % (order.size() + 1)), header.size() - 1);
        for (auto& r : rows) r.push_back("note, \"quoted\"");
    }
    auto cell = [](const std::string& s) {
        if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
        std::string q = "\"";
        for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    const std::string eol = l.crlf ? "\r\n" : "\n";
    std::string text = l.bom ? "\xEF\xBB\xBF" : "";
    rows.insert(rows.begin(), header);
    for (const auto& r : rows) {
        for (std::size_t k = 0; k < order.size(); ++k) text += (k ? "," : "") + cell(r[order[k]]);
        text += eol;
    }
    return text;
}

std::string opt_iso(const std::optional<oracle::date>& d) { return d ? oracle::iso(*d) : std::string{}; }

void write_rows(const oracle::model_rows& m, const temp_dir& dir, const layout& l, std::mt19937& rng) {
    std::vector<std::vector<std::string>> units, tasks, links, cal;
    for (const auto& u : m.units) units.push_back({u.id, u.parent, "Unit " + u.id});
    for (const auto& t : m.tasks)
        tasks.push_back({t.id, t.unit, "Task " + t.id, opt_iso(t.start), opt_iso(t.due),
                         t.duration ? std::to_string(t.duration) : std::string{}, opt_iso(t.completed),
                         std::to_string(t.percent), t.cancelled ? "cancelled" : ""});
    for (const auto& k : m.links) links.push_back({k.from, k.to, k.type, std::to_string(k.lag)});
    for (const auto& [d, w] : m.exceptions) cal.push_back({oracle::iso(d), w ? "true" : "false"});
    dir.write("units.csv", csv_file({"id", "parent", "name"}, units, l, rng));
    if (!(l.omit_empty && tasks.empty()))
        dir.write("tasks.csv", csv_file({"id", "unit", "name", "start", "due", "duration", "completed", "percent", "status"},
                                        tasks, l, rng));
    if (!(l.omit_empty && links.empty()))
        dir.write("links.csv", csv_file({"from", "to", "type", "lag"}, links, l, rng));
    if (!(l.omit_empty && cal.empty())) dir.write("calendar.csv", csv_file({"date", "working"}, cal, l, rng));
}

// ---- random models ------------------------------------------------------------------------------

const oracle::date base(2025, 1, 6);  // a Monday

/// Small and nasty: every link type, negative lags, milestones, holidays and make-up days,
/// starts, deadlines that cannot be met, cancelled tasks, completions either side of as-of.
oracle::model_rows nasty_model(std::mt19937& rng, bool with_starts = true) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    auto day = [&](int lo, int hi) { return base + oracle::days(pick(lo, hi)); };
    oracle::model_rows m;
    const int units = pick(1, 5), tasks = pick(1, 12);
    for (int u = 0; u < units; ++u)
        m.units.push_back({"U" + std::to_string(u), u == 0 || pick(0, 5) == 0 ? "" : "U" + std::to_string(pick(0, u - 1))});
    for (int i = 0; i < tasks; ++i) {
        oracle::task_row t{.id = "T" + std::to_string(i), .unit = "U" + std::to_string(pick(0, units - 1))};
        t.duration = pick(0, 3) == 0 ? 0 : pick(1, 6);
        if (with_starts && (i == 0 || pick(0, 2) == 0)) t.start = day(-3, 20);
        if (pick(0, 1)) t.due = day(0, 40);
        if (t.start && t.due && *t.due < *t.start) t.due = t.start;  // refused by validation (a model problem)
        if (pick(0, 1)) t.completed = day(-5, 45);
        const int percents[] = {0, 0, 30, 50, 99, 100};
        t.percent = percents[pick(0, 5)];
        t.cancelled = pick(0, 7) == 0;
        m.tasks.push_back(t);
    }
    std::set<std::pair<int, int>> seen;
    const char* types[] = {"FS", "SS", "FF", "SF"};
    for (int k = pick(0, 15); k > 0 && tasks > 1; --k) {
        int a = pick(0, tasks - 2), b = pick(a + 1, tasks - 1);
        if (!seen.insert({a, b}).second) continue;
        m.links.push_back({"T" + std::to_string(a), "T" + std::to_string(b), types[pick(0, 3)], pick(-3, 4)});
    }
    for (int k = pick(0, 6); k > 0; --k) {
        auto x = day(-5, 60);
        auto w = x.day_of_week().as_number();
        m.exceptions[x] = w == 0 || w == 6;  // a make-up weekend day, or a holiday on a weekday
    }
    return m;
}

/// A model as rows: reads fields only, no rule of the library.
oracle::model_rows rows_of(const plangraph::model& m) {
    oracle::model_rows out;
    for (const auto& u : m.units())
        out.units.push_back({u.key, plangraph::is_none(u.parent) ? "" : m[u.parent].key});
    for (const auto& t : m.tasks())
        out.tasks.push_back({.id = t.key, .unit = m[t.unit].key, .start = t.start, .due = t.due,
                             .completed = t.completed, .duration = t.duration,
                             .percent = static_cast<int>(t.percent), .cancelled = t.cancelled});
    for (const auto& l : m.links())
        out.links.push_back({m[l.from].key, m[l.to].key, std::string(plangraph::to_string(l.type)), l.lag});
    for (const auto& [d, w] : m.calendar().exceptions()) out.exceptions[d] = w;
    return out;
}

plangraph::model generated(std::uint64_t seed, std::size_t tasks, double subtask_share) {
    plangraph::generate_options o;
    o.seed = seed;
    o.provinces = 3;
    o.communes = 7;
    o.task_count = tasks;
    o.subtask_share = subtask_share;
    o.central_indicators = o.indicators_per_province = 2;
    o.indicators_per_commune = 1;
    return plangraph::generate_model(o);
}

// ---- comparing ----------------------------------------------------------------------------------

json rate(std::optional<double> r) { return r ? json(*r) : json(nullptr); }

void compare_rollup(const json& got, const oracle::model_rows& m, oracle::date as_of) {
    const auto want = oracle::rollup(m, as_of);
    REQUIRE(got.is_array());
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        const auto& g = got[i];
        const auto& w = want[i];
        INFO("unit ", w.unit, " as of ", oracle::iso(as_of));
        CHECK(g.at("unit") == w.unit);
        CHECK(g.at("total") == w.total);
        CHECK(g.at("done") == w.done);
        CHECK(g.at("done_on_time") == w.count("done_on_time"));
        CHECK(g.at("done_late") == w.count("done_late"));
        CHECK(g.at("in_progress") == w.count("in_progress"));
        CHECK(g.at("overdue") == w.count("overdue"));
        CHECK(g.at("cancelled") == w.count("cancelled"));
        CHECK(g.at("completion_rate") == rate(w.completion_rate));
        CHECK(g.at("on_time_rate") == rate(w.on_time_rate));
        // The indicator part of the light is not a task rule: take the CLI's indicator counts.
        auto light = w.light_if_indicators_met;
        if (light == "green" && g.value("indicators_met", 0) != g.value("indicators", 0)) light = "amber";
        CHECK(g.at("status") == light);
    }
}

void compare_schedule(const json& got, const std::vector<oracle::schedule_row>& want, const std::string& what) {
    REQUIRE(got.is_array());
    REQUIRE(got.size() == want.size());  // cancelled tasks are absent
    for (std::size_t i = 0; i < want.size(); ++i) {
        const auto& g = got[i];
        const auto& w = want[i];
        INFO(what, " task ", w.id);
        CHECK(g.at("id") == w.id);
        CHECK(g.at("early_start") == w.early_start);
        CHECK(g.at("early_finish") == w.early_finish);
        CHECK(g.at("late_start") == w.late_start);
        CHECK(g.at("late_finish") == w.late_finish);
        CHECK(g.at("total_slack") == w.total_slack);
        CHECK(g.at("free_slack") == w.free_slack);
        CHECK(g.at("critical") == w.critical);
    }
}

std::string describe(const oracle::model_rows& m) {
    std::string s;
    for (const auto& t : m.tasks)
        s += t.id + "(" + t.unit + " s=" + opt_iso(t.start) + " d=" + opt_iso(t.due) + " n=" + std::to_string(t.duration) +
             " c=" + opt_iso(t.completed) + " p=" + std::to_string(t.percent) + (t.cancelled ? " X" : "") + ") ";
    for (const auto& l : m.links) s += l.from + "-" + l.type + std::to_string(l.lag) + "->" + l.to + " ";
    for (const auto& [d, w] : m.exceptions) s += oracle::iso(d) + (w ? "+ " : "- ");
    return s;
}

}  // namespace

// ---- random models against the oracle ------------------------------------------------------------

TEST_CASE("cli.rollup.json_matches_the_oracle_on_random_models") {
    std::mt19937 rng(4057);
    int compared = 0;
    for (int round = 0; round < 40; ++round) {
        auto m = nasty_model(rng);
        temp_dir dir;
        layout l{.crlf = round % 3 == 1, .bom = round % 4 == 2, .shuffle = round % 2 == 1, .extra_column = round % 5 == 3,
                 .omit_empty = round % 2 == 0};
        write_rows(m, dir, l, rng);
        for (int k = 0; k < 3; ++k) {
            auto as_of = base + oracle::days(std::uniform_int_distribution<int>(-6, 50)(rng));
            INFO("round ", round, ": ", describe(m));
            compare_rollup(parse_json(run({"rollup", "--model", dir.str(), "--as-of", oracle::iso(as_of), "--format",
                                           "json"})),
                           m, as_of);
            ++compared;
        }
    }
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        auto model = generated(seed, 60 + seed * 10, 0.3);
        temp_dir dir;
        plangraph::write_model_dir(model, dir.path);
        const auto m = rows_of(model);
        for (const char* as_of : {"2025-03-31", "2025-12-31", "2026-07-01"}) {
            INFO("generated seed ", seed);
            compare_rollup(parse_json(run({"rollup", "--model", dir.str(), "--as-of", as_of, "--format", "json"})), m,
                           *plangraph::parse_date(as_of));
            ++compared;
        }
    }
    CHECK(compared == 40 * 3 + 6 * 3);
}

TEST_CASE("cli.schedule.json_matches_the_oracle_on_random_models") {
    std::mt19937 rng(2057);
    int compared = 0;
    for (int round = 0; round < 60; ++round) {
        auto m = nasty_model(rng);
        temp_dir dir;
        layout l{.crlf = round % 3 == 2, .bom = round % 4 == 1, .shuffle = round % 2 == 0, .extra_column = round % 5 == 1,
                 .omit_empty = round % 2 == 1};
        write_rows(m, dir, l, rng);
        INFO("round ", round, ": ", describe(m));
        bool any_start = false;
        for (const auto& t : m.tasks) any_start = any_start || (t.start && !t.cancelled);
        if (any_start) {
            compare_schedule(parse_json(run({"schedule", "--model", dir.str(), "--format", "json"})), oracle::schedule(m),
                             "plan");
            ++compared;
        } else {
            auto r = run({"schedule", "--model", dir.str(), "--format", "json"});
            CHECK(r.exit == 2);
            CHECK(r.out.empty());
            CHECK(r.err.find("--start DATE") != std::string::npos);
        }
        auto start = base + oracle::days(std::uniform_int_distribution<int>(-4, 10)(rng));
        compare_schedule(parse_json(run({"schedule", "--model", dir.str(), "--start", oracle::iso(start), "--format",
                                         "json"})),
                         oracle::schedule(m, start), "plan from --start " + oracle::iso(start));
        auto as_of = base + oracle::days(std::uniform_int_distribution<int>(-6, 50)(rng));
        compare_schedule(parse_json(run({"schedule", "--model", dir.str(), "--start", oracle::iso(start), "--as-of",
                                         oracle::iso(as_of), "--format", "json"})),
                         oracle::schedule(m, start, as_of), "progress as of " + oracle::iso(as_of));
        if (any_start) {
            compare_schedule(parse_json(run({"schedule", "--model", dir.str(), "--as-of", oracle::iso(as_of), "--format",
                                             "json"})),
                             oracle::schedule(m, {}, as_of), "progress as of " + oracle::iso(as_of));
            ++compared;
        }
        compared += 2;
    }
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        // DESIGN fixes no rule for summaries: the rows leave out the tasks' parents (Plan 02's
        // commune tasks decompose central ones) and are written by hand.
        const auto m = rows_of(generated(seed, 40 + seed * 7, 0.0));
        temp_dir dir;
        write_rows(m, dir, layout{}, rng);
        INFO("generated seed ", seed);
        compare_schedule(parse_json(run({"schedule", "--model", dir.str(), "--start", "2025-01-01", "--format", "json"})),
                         oracle::schedule(m, *plangraph::parse_date("2025-01-01")), "plan");
        compare_schedule(parse_json(run({"schedule", "--model", dir.str(), "--start", "2025-01-01", "--as-of",
                                         "2025-09-30", "--format", "json"})),
                         oracle::schedule(m, *plangraph::parse_date("2025-01-01"), *plangraph::parse_date("2025-09-30")),
                         "progress");
        compared += 2;
    }
    CHECK(compared > 150);
}

#endif
