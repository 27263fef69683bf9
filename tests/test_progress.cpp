// Progress over time: rollup series, baselines and variance, earned schedule.
// Series are checked against the single-date rollups (a different algorithm: one rollup per
// date); earned schedule against an oracle written below from DESIGN.md's formulas alone, day by
// day, sharing no code with the library.
#include <plangraph/plangraph.hpp>
#include <plangraph/baseline.hpp>
#include <plangraph/io/baseline.hpp>
#include <plangraph/io/baseline_json.hpp>
#include <plangraph/series.hpp>

#include "support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace plangraph;

namespace {

date day(const char* iso) { return *parse_date(iso); }

/// A random model: units in a forest, tasks with and without sub-tasks, due and completion dates
/// spread over 2025, a few cancelled, weights including 0, a calendar with a holiday and a
/// make-up working Saturday.
model random_model(std::uint32_t seed, int units, int tasks) {
    std::mt19937 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    model m;
    for (int u = 0; u < units; ++u) {
        unit_id parent = u == 0 || pick(0, 9) == 0 ? no_id<unit_id> : make_id<unit_id>(static_cast<std::size_t>(pick(0, u - 1)));
        m.add_unit({.key = "U" + std::to_string(u), .name = "Unit " + std::to_string(u), .parent = parent});
    }
    for (int p = 0; p < 3; ++p)
        m.add_plan({.key = "P" + std::to_string(p), .unit = make_id<unit_id>(0),
                    .parent = p == 0 ? no_id<plan_id> : make_id<plan_id>(static_cast<std::size_t>(pick(0, p - 1)))});
    const date base = day("2025-01-01");
    for (int t = 0; t < tasks; ++t) {
        task k{.key = "T" + std::to_string(t), .name = "Task " + std::to_string(t)};
        k.unit = make_id<unit_id>(static_cast<std::size_t>(pick(0, units - 1)));
        if (pick(0, 3)) k.plan = make_id<plan_id>(static_cast<std::size_t>(pick(0, 2)));
        if (t > 0 && pick(0, 5) == 0) k.parent = make_id<task_id>(static_cast<std::size_t>(pick(0, t - 1)));
        k.start = base + boost::gregorian::days(pick(0, 150));
        if (pick(0, 4)) k.due = *k.start + boost::gregorian::days(pick(0, 80));
        if (pick(0, 1)) k.completed = *k.start + boost::gregorian::days(pick(0, 120));
        k.duration = pick(0, 3) ? pick(1, 30) : 0;
        k.percent = k.completed ? 100 : pick(0, 100);
        k.weight = pick(0, 6) * 0.5;
        k.cancelled = pick(0, 12) == 0;
        m.add_task(std::move(k));
    }
    calendar cal;
    cal.set_exception(day("2025-04-30"), false);
    cal.set_exception(day("2025-05-01"), false);
    cal.set_exception(day("2025-04-26"), true);
    m.set_calendar(cal);
    return m;
}

/// k strictly increasing dates, some before every task date, some after.
std::vector<date> random_dates(std::mt19937& rng, std::size_t k) {
    std::vector<date> out;
    date d = day("2024-12-01") + boost::gregorian::days(std::uniform_int_distribution<int>(0, 30)(rng));
    for (std::size_t i = 0; i < k; ++i) {
        out.push_back(d);
        d += boost::gregorian::days(std::uniform_int_distribution<int>(1, 40)(rng));
    }
    return out;
}

bool close(double a, double b, double tol = 1e-9) {
    return std::abs(a - b) <= tol * std::max(1.0, std::abs(a) + std::abs(b));
}

// Counts exactly, sums up to rounding.
bool same(std::span<const status_counts> a, std::span<const status_counts> b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].by_status != b[i].by_status || !close(a[i].weight, b[i].weight) ||
            !close(a[i].weight_done, b[i].weight_done) || !close(a[i].duration, b[i].duration) ||
            !close(a[i].duration_done, b[i].duration_done))
            return false;
    return true;
}

}  // namespace

// ---- series ---------------------------------------------------------------------------------

TEST_CASE("series.equals_single_date_rollups_on_random_models") {
    for (std::uint32_t seed = 1; seed <= 40; ++seed) {
        auto m = random_model(seed, 1 + static_cast<int>(seed % 13), 30 + static_cast<int>(seed) * 7);
        std::mt19937 rng(seed);
        auto dates = random_dates(rng, 1 + seed % 9);
        auto units = rollup_series(m, dates);
        auto tasks = rollup_series_tasks(m, dates);
        auto plans = rollup_series_plans(m, dates);
        auto report = rollup_report_series(m, dates);
        REQUIRE(units.size() == dates.size());
        const auto values = aggregate_indicators(m);
        const auto indicators = count_indicators(m, values);
        for (std::size_t j = 0; j < dates.size(); ++j) {
            INFO("seed " << seed << ", date " << format_date(dates[j]));
            CHECK(units.dates[j] == dates[j]);
            CHECK(same(units.at(j), rollup_units(m, dates[j])));
            CHECK(same(tasks.at(j), rollup_tasks(m, dates[j])));
            CHECK(same(plans.at(j), rollup_plans(m, dates[j])));
            CHECK(report.lights[j] == traffic_lights(m.unit_hierarchy(), rollup_units(m, dates[j]), indicators));
        }
        CHECK(report.indicator_counts == indicators);
    }
}

TEST_CASE("series.one_task_changes_status_at_its_dates") {
    model m;
    auto u = m.add_unit({.key = "U", .name = "U"});
    m.add_task({.key = "A", .name = "A", .unit = u, .due = day("2025-03-10"), .duration = 4,
                .completed = day("2025-03-20"), .weight = 2});
    std::vector<date> dates{day("2025-03-01"), day("2025-03-10"), day("2025-03-11"), day("2025-03-20"), day("2025-04-01")};
    auto s = rollup_series(m, dates);
    auto row = [&](std::size_t j) { return s.at(j)[0]; };
    CHECK(row(0).in_progress() == 1);
    CHECK(row(1).in_progress() == 1);  // due day itself: still within deadline
    CHECK(row(2).overdue() == 1);
    CHECK(row(3).done_late() == 1);
    CHECK(row(3).weight_done == 2.0);
    CHECK(row(4).done_late() == 1);
    CHECK(row(2).weight_done == 0.0);
    for (std::size_t j = 0; j < dates.size(); ++j) CHECK(row(j).total() == 1);
}

TEST_CASE("series.dates_out_of_order_duplicated_or_out_of_range_are_refused") {
    model m;
    m.add_unit({.key = "U", .name = "U"});
    std::vector<date> unordered{day("2025-01-01"), day("2025-03-01"), day("2025-02-01")};
    CHECK_THROWS_WITH_AS(rollup_series(m, unordered),
                         "as-of dates must be increasing: 2025-02-01 (date 3) comes after 2025-03-01 (date 2)",
                         series_error);
    std::vector<date> repeated{day("2025-01-01"), day("2025-01-01")};
    CHECK_THROWS_WITH_AS(rollup_series(m, repeated), "as-of date 2025-01-01 (date 2) repeats date 1", series_error);
    std::vector<date> old{day("1899-12-31"), day("2025-01-01")};
    CHECK_THROWS_WITH_AS(rollup_series(m, old), "as-of date 1899-12-31 (date 1) is outside 1900-01-01..2199-12-31",
                         series_error);
    CHECK_THROWS_WITH_AS(rollup_series(m, std::vector<date>{}), "a series needs at least one as-of date", series_error);
}

TEST_CASE("series.date_list_and_expansion") {
    CHECK(parse_date_list("2025-01-31, 2025-02-28,2025-03-31") ==
          std::vector<date>{day("2025-01-31"), day("2025-02-28"), day("2025-03-31")});
    CHECK_THROWS_WITH_AS(parse_date_list("2025-01-31,2025-02-30"), "as-of date 2 '2025-02-30' is not a date YYYY-MM-DD",
                         series_error);
    CHECK_THROWS_WITH_AS(parse_date_list("2025-01-31,"), "as-of date 2 '' is not a date YYYY-MM-DD", series_error);
    CHECK_THROWS_WITH_AS(parse_date_list("2025-03-01,2025-01-01"),
                         "as-of dates must be increasing: 2025-01-01 (date 2) comes after 2025-03-01 (date 1)",
                         series_error);

    CHECK(expand_dates(day("2025-01-31"), day("2025-05-15"), date_step::month) ==
          std::vector<date>{day("2025-01-31"), day("2025-02-28"), day("2025-03-31"), day("2025-04-30")});
    CHECK(expand_dates(day("2025-01-30"), day("2025-03-30"), date_step::month) ==
          std::vector<date>{day("2025-01-30"), day("2025-02-28"), day("2025-03-30")});
    CHECK(expand_dates(day("2025-01-01"), day("2025-01-22"), date_step::week).size() == 4);
    CHECK(expand_dates(day("2025-01-01"), day("2025-01-01"), date_step::day) == std::vector<date>{day("2025-01-01")});
    CHECK_THROWS_WITH_AS(expand_dates(day("2025-02-01"), day("2025-01-01"), date_step::week),
                         "end date 2025-01-01 is before start date 2025-02-01", series_error);
    CHECK_THROWS_WITH_AS(expand_dates(day("2025-01-01"), day("2199-12-31"), date_step::day),
                         "from 2025-01-01 to 2199-12-31 is more than 1000 dates", series_error);
    CHECK(parse_date_step("month") == date_step::month);
    CHECK_FALSE(parse_date_step("year"));
}

// ---- baselines and variance -------------------------------------------------------------------

namespace {

/// Three tasks in a row, each finishing before the next starts (FS), from Monday 2025-03-03.
model three_in_a_row() {
    model m;
    auto u = m.add_unit({.key = "U", .name = "Commune"});
    auto a = m.add_task({.key = "A", .name = "Survey", .unit = u, .start = day("2025-03-03"), .duration = 5});
    auto b = m.add_task({.key = "B", .name = "Build", .unit = u, .duration = 3});
    auto c = m.add_task({.key = "C", .name = "Handover", .unit = u, .duration = 0});
    m.add_links(std::vector<plangraph::link>{{a, b, link_type::finish_to_start, 0}, {b, c, link_type::finish_to_start, 0}});
    return m;
}

}  // namespace

TEST_CASE("baseline.from_schedule_takes_early_dates_and_variance_is_zero") {
    auto m = three_in_a_row();
    auto r = schedule(m);
    auto b = baseline_from(r, "original");
    CHECK(b.name() == "original");
    CHECK(b.size() == 3);
    CHECK(b[*m.find_task("A")] == baseline_dates{day("2025-03-03"), day("2025-03-07")});
    CHECK(b[*m.find_task("B")] == baseline_dates{day("2025-03-10"), day("2025-03-12")});
    // The milestone shows the day its predecessor finishes.
    CHECK(b[*m.find_task("C")] == baseline_dates{day("2025-03-12"), day("2025-03-12")});
    for (const auto& v : variances(r, b)) {
        CHECK(v.start_variance == 0);
        CHECK(v.finish_variance == 0);
    }
}

TEST_CASE("baseline.variance_counts_working_days_by_number") {
    auto m = three_in_a_row();
    baseline b("agreed");
    // A agreed to start on Saturday 1 March (number of Friday 28 Feb) and finish on Wednesday 5.
    b.set(*m.find_task("A"), {day("2025-03-01"), day("2025-03-05")});
    // B agreed a week earlier than it can now be, across a weekend.
    b.set(*m.find_task("B"), {day("2025-03-05"), day("2025-03-07")});
    auto r = schedule(m);
    auto v = variances(r, b);
    CHECK(v[0] == task_variance{day("2025-03-01"), day("2025-03-05"), 1, 2});
    CHECK(v[1] == task_variance{day("2025-03-05"), day("2025-03-07"), 3, 3});
    CHECK(v[2] == task_variance{});  // no baseline entry
    // Progress-aware: A done late on Tuesday 11 March pushes B and gives A a finish variance of 4.
    m.set_completed(*m.find_task("A"), day("2025-03-11"));
    auto progress = schedule(m, {.as_of = day("2025-03-11")});
    auto w = variances(progress, b);
    CHECK(w[0].finish_variance == 4);
    CHECK(w[1].start_variance == 5);
}

TEST_CASE("baseline.entries_are_checked_and_sets_keep_names") {
    baseline b("x");
    CHECK_THROWS_WITH_AS(b.set(make_id<task_id>(2), {day("2025-03-05"), day("2025-03-04")}),
                         "baseline x: task #2: finish 2025-03-04 is before start 2025-03-05", model_error);
    CHECK_THROWS_WITH_AS(b.set(make_id<task_id>(0), {day("1899-03-05"), day("2025-03-04")}),
                         "baseline x: task #0: start 1899-03-05 is outside 1900-01-01..2199-12-31", model_error);
    CHECK(b.empty());
    b.set(make_id<task_id>(1), {day("2025-03-05"), day("2025-03-06")});
    CHECK(b.size() == 1);
    CHECK_FALSE(b[make_id<task_id>(0)]);
    CHECK_FALSE(b[make_id<task_id>(7)]);
    baseline_set set;
    set.add(b);
    baseline again("rebaselined");
    again.set(make_id<task_id>(1), {day("2025-04-05"), day("2025-04-06")});
    set.add(again);
    CHECK(set.size() == 2);
    CHECK(set.latest()->name() == "rebaselined");
    CHECK((*set.find("x"))[make_id<task_id>(1)]->start == day("2025-03-05"));
    b.erase(make_id<task_id>(1));
    set.add(b);  // replaces "x" in its place
    CHECK(set.size() == 2);
    CHECK(set.find("x")->empty());
    CHECK(set.remove("x"));
    CHECK_FALSE(set.find("x"));
}

TEST_CASE("baseline.csv_reports_every_bad_row_with_its_place") {
    auto m = three_in_a_row();
    test::temp_dir dir({{"baseline.csv", "task,start,finish,note\n"
                                         "A,2025-03-03,2025-03-07,agreed in March\n"
                                         "ZZ,2025-03-03,2025-03-07,\n"
                                         "B,2025-03-10,2025-03-07,\n"
                                         "A,2025-03-03,2025-03-07,\n"
                                         "C,2025-13-01,2025-03-07,\n"
                                         "C,1899-03-03,2025-03-07,\n"
                                         "B,,2025-03-07,\n"}});
    const auto f = dir.file("baseline.csv");
    CHECK_THROWS_WITH_AS(load_baseline_csv(m, f),
                         ("7 problems\n  " + f + ":3:1: unknown task ZZ in column task\n  " + f +
                          ":4:3: task B: finish 2025-03-07 is before start 2025-03-10\n  " + f +
                          ":5:1: task A: a second baseline row (the first is on line 2)\n  " + f +
                          ":6:2: bad date '2025-13-01' in column start (expected YYYY-MM-DD)\n  " + f +
                          ":7:1: task C: a second baseline row (the first is on line 6)\n  " + f +
                          ":8:2: missing value in column start (expected YYYY-MM-DD)\n  " + f +
                          ":8:1: task B: a second baseline row (the first is on line 4)")
                             .c_str(),
                         invalid_model);
    auto read = read_baseline_csv(m, "finish,task,start\n2025-03-07,C,1899-03-03\n", "b.csv");
    REQUIRE(read.problems.size() == 1);
    CHECK(to_string(read.problems[0]) == "b.csv:2:3: task C: start 1899-03-03 is outside 1900-01-01..2199-12-31");
    CHECK(read.problems[0].ids == std::vector<std::string>{"C"});
    read = read_baseline_csv(m, "task,start\nA,2025-03-03\n", "b.csv");
    REQUIRE(read.problems.size() == 1);
    CHECK(to_string(read.problems[0]) == "b.csv:1: missing required column 'finish' in the header");
    CHECK(read_baseline_csv(m, "", "b.csv").problems.front().message ==
          "empty file: expected a header row (task, start, finish)");
}

TEST_CASE("baseline.csv_and_json_round_trip") {
    auto m = three_in_a_row();
    auto b = baseline_from(schedule(m), "original");
    const auto text = baseline_csv(m, b);
    CHECK(text == "task,start,finish\nA,2025-03-03,2025-03-07\nB,2025-03-10,2025-03-12\nC,2025-03-12,2025-03-12\n");
    auto back = read_baseline_csv(m, text, "baseline.csv", "original");
    CHECK(back.problems.empty());
    CHECK(back.value == b);
    test::temp_dir dir;
    write_baseline_csv(m, b, dir.file("baseline.csv"));
    CHECK(load_baseline_csv(m, dir.file("baseline.csv"), "original") == b);

    auto j = io::baseline_to_json(m, b);
    CHECK(j.dump() == R"({"name":"original","tasks":[{"task":"A","start":"2025-03-03","finish":"2025-03-07"},)"
                      R"({"task":"B","start":"2025-03-10","finish":"2025-03-12"},{"task":"C","start":"2025-03-12","finish":"2025-03-12"}]})");
    CHECK(io::baseline_from_json(m, j) == b);
    baseline_set set;
    set.add(b);
    baseline later("rebaselined");
    later.set(*m.find_task("C"), {day("2025-03-20"), day("2025-03-20")});
    set.add(later);
    auto both = io::baselines_from_json(m, io::baselines_to_json(m, set));
    REQUIRE(both.size() == 2);
    CHECK(*both.find("rebaselined") == later);

    auto bad = io::model_json::parse(R"({"name":"x","tasks":[{"task":"Q","start":"2025-03-03","finish":"2025-03-07"},)"
                                     R"({"task":"A","start":"2025-03-09","finish":"2025-03-07"}]})");
    CHECK_THROWS_WITH_AS(io::baseline_from_json(m, bad, "b.json"),
                         "2 problems\n  b.json:/tasks/0/task: unknown task Q in column task\n"
                         "  b.json:/tasks/1/finish: task A: finish 2025-03-07 is before start 2025-03-09",
                         invalid_model);
    auto wrong = io::model_json::parse(R"({"tasks":[{"task":"A","start":20250303,"finish":"2025-03-07"}]})");
    CHECK_THROWS_WITH_AS(io::baseline_from_json(m, wrong, "b.json"), "b.json: /tasks/0/start: expected a string, got number",
                         parse_error);
}

