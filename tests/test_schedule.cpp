// Scheduling: hand-made cases per rule of DESIGN.md, an independent day-by-day reference on
// random models, properties on random DAGs, cycles, and Boost.Graph's longest path as oracle.
#include <plangraph/plangraph.hpp>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dag_shortest_paths.hpp>
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <random>
#include <set>

using namespace plangraph;
using boost::gregorian::days;

namespace {

date d(int y, int m, int dd) { return date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                                           static_cast<unsigned short>(dd)); }

struct fixture {
    model m;
    unit_id u = m.add_unit({.key = "U", .name = "Unit"});
    task_id add(const std::string& key, int duration, std::optional<date> start = {}, std::optional<date> due = {}) {
        return m.add_task({.key = key, .name = key, .unit = u, .start = start, .due = due, .duration = duration});
    }
    void link(task_id a, task_id b, link_type t = link_type::finish_to_start, int lag = 0) {
        m.add_link({.from = a, .to = b, .type = t, .lag = lag});
    }
    schedule_result run(schedule_options o = {}) { return schedule(m, o); }
};

std::string iso(date x) { return format_date(x); }

}  // namespace

// ---- hand-made cases --------------------------------------------------------------------------

TEST_CASE("schedule.fs_lag.zero_starts_next_working_day_over_a_weekend") {
    fixture f;
    auto a = f.add("A", 5, d(2025, 1, 6));  // Monday
    auto b = f.add("B", 3);
    f.link(a, b);
    auto r = f.run();
    CHECK(iso(r[a].early_finish) == "2025-01-10");  // Friday: inclusive counting
    CHECK(iso(r[b].early_start) == "2025-01-13");   // next working day: Monday
    CHECK(iso(r[b].early_finish) == "2025-01-15");
    CHECK(iso(r.finish) == "2025-01-15");
    CHECK(r[a].critical);
    CHECK(r[b].total_slack == 0);
}

TEST_CASE("schedule.fs_lag.positive_and_negative") {
    fixture f;
    auto a = f.add("A", 5, d(2025, 1, 6));
    auto b = f.add("B", 2);
    auto c = f.add("C", 2);
    f.link(a, b, link_type::finish_to_start, 2);   // two working days of gap
    f.link(a, c, link_type::finish_to_start, -2);  // overlaps A's last two days
    auto r = f.run();
    CHECK(iso(r[b].early_start) == "2025-01-15");
    CHECK(iso(r[c].early_start) == "2025-01-09");
    CHECK(r[c].total_slack == 4);  // C may end with B
}

TEST_CASE("schedule.ss_lag.positive_and_negative") {
    fixture f;
    auto a = f.add("A", 5, d(2025, 1, 8));  // Wednesday
    auto b = f.add("B", 2);
    auto c = f.add("C", 1);
    f.link(a, b, link_type::start_to_start, 3);
    f.link(a, c, link_type::start_to_start, -2);
    auto r = f.run();
    CHECK(iso(r[b].early_start) == "2025-01-13");  // Wed + 3 working days = Mon
    CHECK(iso(r[c].early_start) == "2025-01-08");  // a lead cannot start before the schedule
}

TEST_CASE("schedule.ff_lag.positive_and_negative") {
    fixture f;
    auto a = f.add("A", 5, d(2025, 1, 6));
    auto b = f.add("B", 2);
    auto c = f.add("C", 2);
    f.link(a, b, link_type::finish_to_finish, 1);
    f.link(a, c, link_type::finish_to_finish, -1);
    auto r = f.run();
    CHECK(iso(r[b].early_finish) == "2025-01-13");
    CHECK(iso(r[b].early_start) == "2025-01-10");
    CHECK(iso(r[c].early_finish) == "2025-01-09");
    CHECK(iso(r[c].early_start) == "2025-01-08");
}

TEST_CASE("schedule.sf_lag.positive_and_negative") {
    fixture f;
    auto a = f.add("A", 5, d(2025, 1, 8));  // Wednesday
    auto b = f.add("B", 2);
    auto c = f.add("C", 1);
    f.link(a, b, link_type::start_to_finish, 3);
    f.link(a, c, link_type::start_to_finish, 0);
    auto r = f.run();
    // SF: B's finish moment is A's start moment + 3: B ends the working day before Monday 13.
    CHECK(iso(r[b].early_finish) == "2025-01-10");
    CHECK(iso(r[b].early_start) == "2025-01-09");
    CHECK(iso(r[c].early_start) == "2025-01-08");  // would end before A starts: held at the start
}

TEST_CASE("schedule.milestone.placed_by_link_shows_the_predecessor_finish_day") {
    fixture f;
    auto a = f.add("A", 5, d(2025, 1, 6));
    auto m = f.add("M", 0);
    auto b = f.add("B", 1);
    f.link(a, m);
    f.link(m, b);
    auto r = f.run();
    CHECK(iso(r[m].early_start) == "2025-01-10");
    CHECK(iso(r[m].early_finish) == "2025-01-10");
    CHECK(iso(r[m].late_finish) == "2025-01-10");
    CHECK(iso(r[b].early_start) == "2025-01-13");
    CHECK(r[m].total_slack == 0);
}

TEST_CASE("schedule.milestone.placed_by_its_start_shows_the_next_working_day") {
    fixture f;
    auto a = f.add("A", 2, d(2025, 1, 6));
    auto m = f.add("M", 0, d(2025, 1, 11));  // a Saturday: placed on Monday
    auto s = f.add("S", 0);                  // placed by the schedule's start
    auto r = f.run();
    CHECK(iso(r[m].early_start) == "2025-01-13");
    CHECK(iso(r[s].early_start) == "2025-01-06");
    CHECK(iso(r.finish) == "2025-01-13");  // the schedule ends with M
    CHECK(iso(r[a].early_finish) == "2025-01-07");
}

TEST_CASE("schedule.deadline.gives_negative_slack") {
    fixture f;
    auto a = f.add("A", 5, d(2025, 1, 6));
    auto b = f.add("B", 5, {}, d(2025, 1, 15));  // needs until 17th
    f.link(a, b);
    auto r = f.run();
    CHECK(iso(r[b].early_finish) == "2025-01-17");
    CHECK(iso(r[b].late_finish) == "2025-01-15");
    CHECK(r[b].total_slack == -2);
    CHECK(r[a].total_slack == -2);
    CHECK(r[a].critical);
    CHECK(r[a].free_slack == 0);
    SUBCASE("ignored on request") {
        auto r2 = f.run({.honour_deadlines = false});
        CHECK(r2[b].total_slack == 0);
    }
}

TEST_CASE("schedule.calendar.holidays_and_make_up_days") {
    fixture f;
    calendar cal;
    for (int day = 27; day <= 31; ++day) cal.set_exception(d(2025, 1, day), false);  // Tết week
    cal.set_exception(d(2025, 2, 1), false);
    cal.set_exception(d(2025, 2, 8), true);  // a make-up Saturday
    f.m.set_calendar(cal);
    auto a = f.add("A", 3, d(2025, 1, 23));  // Thu, Fri, then Mon 3 Feb
    auto b = f.add("B", 6);
    f.link(a, b);
    auto r = f.run();
    CHECK(iso(r[a].early_finish) == "2025-02-03");
    CHECK(iso(r[b].early_start) == "2025-02-04");
    CHECK(iso(r[b].early_finish) == "2025-02-10");  // 4,5,6,7, Sat 8, Mon 10
    CHECK(r.days.count(d(2025, 1, 20), d(2025, 2, 9)) == 11);
    CHECK(iso(r.days.add(d(2025, 1, 24), 1)) == "2025-02-03");
    CHECK(iso(r.days.add(d(2025, 2, 3), -1)) == "2025-01-24");
}

TEST_CASE("schedule.start.no_start_anywhere_asks_for_one") {
    fixture f;
    f.add("A", 2);
    CHECK_THROWS_WITH_AS(f.run(), "no start date: no task has a start, so the schedule needs one (--start DATE)",
                         no_start_date);
    auto r = f.run({.start = d(2025, 3, 1)});  // a Saturday: begins Monday
    CHECK(iso(r.start) == "2025-03-03");
}

TEST_CASE("schedule.summary.spans_its_sub_tasks_and_passes_links_down") {
    fixture f;
    auto pre = f.add("PRE", 2, d(2025, 1, 6));
    auto s = f.add("S", 99);  // its own duration is ignored
    auto x = f.m.add_task({.key = "X", .name = "X", .unit = f.u, .parent = s, .duration = 3});
    auto y = f.m.add_task({.key = "Y", .name = "Y", .unit = f.u, .parent = s, .duration = 1});
    auto post = f.add("POST", 1);
    f.link(pre, s);   // binds X and Y
    f.link(x, y);
    f.link(s, post);  // from S's rolled-up finish
    auto r = f.run();
    CHECK(r[s].summary);
    CHECK(iso(r[x].early_start) == "2025-01-08");
    CHECK(iso(r[s].early_start) == "2025-01-08");
    CHECK(iso(r[s].early_finish) == "2025-01-13");
    CHECK(iso(r[post].early_start) == "2025-01-14");
    CHECK(r[s].total_slack == 0);
    SUBCASE("a summary's due date bounds its sub-tasks") {
        f.m.set_due(s, d(2025, 1, 10));
        auto r2 = f.run();
        CHECK(iso(r2[y].late_finish) == "2025-01-10");
        CHECK(r2[y].total_slack == -1);
        CHECK(r2[pre].total_slack == -1);
    }
}

TEST_CASE("schedule.cancelled.takes_no_part") {
    fixture f;
    auto a = f.add("A", 5, d(2025, 1, 6));
    auto b = f.add("B", 1);
    f.link(a, b);
    f.m.set_cancelled(a, true);
    auto r = f.run({.start = d(2025, 1, 6)});
    CHECK_FALSE(r[a].scheduled);
    CHECK(iso(r[b].early_start) == "2025-01-06");
}

TEST_CASE("schedule.constraints.bound_early_and_late_dates") {
    fixture f;
    auto a = f.add("A", 2, d(2025, 1, 6));
    auto b = f.add("B", 2);
    f.m.set_constraint(b, {constraint_kind::start_no_earlier_than, d(2025, 1, 9)});
    auto c = f.add("C", 2);
    f.m.set_constraint(c, {constraint_kind::finish_no_later_than, d(2025, 1, 7)});
    auto e = f.add("E", 1);
    f.m.set_constraint(e, {constraint_kind::must_finish_on, d(2025, 1, 14)});
    auto l = f.add("L", 1);
    f.m.set_constraint(l, {constraint_kind::as_late_as_possible, {}});
    f.link(a, l);
    auto r = f.run();
    CHECK(iso(r[b].early_start) == "2025-01-09");
    CHECK(iso(r[c].late_finish) == "2025-01-07");
    CHECK(iso(r[e].early_finish) == "2025-01-14");
    CHECK(iso(r[e].late_finish) == "2025-01-14");
    CHECK(iso(r[l].early_start) == "2025-01-08");
    CHECK(iso(r[l].start) == "2025-01-14");  // ALAP: scheduled on its late dates
}

TEST_CASE("schedule.progress.done_tasks_keep_actual_dates_the_rest_waits_for_as_of") {
    fixture f;
    auto a = f.add("A", 5, d(2025, 1, 6));
    auto b = f.add("B", 2);
    auto c = f.add("C", 2, d(2025, 1, 6));
    f.link(a, b);
    f.m.set_completed(a, d(2025, 1, 14));  // finished late
    f.m.set_completed(c, d(2025, 1, 30));  // done only after the as-of date
    SUBCASE("plan: completion ignored") {
        auto r = f.run();
        CHECK(iso(r[b].early_start) == "2025-01-13");
    }
    SUBCASE("as of 20 January") {
        auto r = f.run({.as_of = d(2025, 1, 20)});
        CHECK(r[a].done);
        CHECK(iso(r[a].early_start) == "2025-01-06");
        CHECK(iso(r[a].early_finish) == "2025-01-14");
        CHECK(iso(r[b].early_start) == "2025-01-20");
        CHECK_FALSE(r[c].done);
        CHECK(iso(r[c].early_start) == "2025-01-20");
    }
}

TEST_CASE("schedule.cycle.names_its_tasks") {
    std::vector<task> ts(4);
    for (int i = 0; i < 4; ++i) ts[static_cast<std::size_t>(i)].key = std::string(1, static_cast<char>('A' + i));
    std::vector<plangraph::link> ls{{make_id<task_id>(0), make_id<task_id>(1)},
                         {make_id<task_id>(1), make_id<task_id>(2)},
                         {make_id<task_id>(2), make_id<task_id>(0)},
                         {make_id<task_id>(2), make_id<task_id>(3)}};
    CHECK_THROWS_WITH_AS(schedule_network(ts, ls), "dependency cycle: A -> B -> C -> A", cycle_error);
    SUBCASE("a link from a summary to its own sub-task") {
        ts[3].parent = make_id<task_id>(0);
        std::vector<plangraph::link> ls2{{make_id<task_id>(0), make_id<task_id>(3)}};
        CHECK_THROWS_AS(schedule_network(ts, ls2), cycle_error);
    }
    SUBCASE("the model refuses the cycle too") {
        fixture f;
        auto a = f.add("A", 1), b = f.add("B", 1);
        f.link(a, b);
        CHECK_THROWS_WITH_AS(f.link(b, a), "dependency cycle: A -> B -> A", cycle_error);
    }
}

// ---- an independent reference: day-by-day dates straight from DESIGN.md -----------------------

namespace reference {

// A task occupies working days; a "boundary" is named by the working day right after it.
struct cal {
    std::map<date, bool> exceptions;
    bool working(date x) const {
        auto it = exceptions.find(x);
        if (it != exceptions.end()) return it->second;
        auto w = x.day_of_week().as_number();
        return w != 0 && w != 6;
    }
    date next_working(date x) const {  // x itself when working
        while (!working(x)) x += days(1);
        return x;
    }
    date prev_working(date x) const {
        while (!working(x)) x -= days(1);
        return x;
    }
    date step(date x, int n) const {  // x working; n working days further (or back)
        while (n > 0) { x = next_working(x + days(1)); --n; }
        while (n < 0) { x = prev_working(x - days(1)); ++n; }
        return x;
    }
    int between(date a, date b) const {  // working days from boundary a to boundary b (signed)
        int n = 0;
        while (a < b) { a = next_working(a + days(1)); ++n; }
        while (b < a) { b = next_working(b + days(1)); --n; }
        return n;
    }
};

struct row {
    std::string es, ef, ls, lf;
    int total = 0, free = 0;
};

inline std::vector<row> run(const model& m, const cal& c) {
    auto tasks = m.tasks();
    const std::size_t n = tasks.size();
    date first = date(9999, 1, 1);
    for (const auto& t : tasks)
        if (t.start && *t.start < first) first = *t.start;
    date begin = c.next_working(first);
    // start boundary and finish boundary of each task, as working-day dates
    std::vector<date> es(n), ef(n), ls(n), lf(n);
    std::vector<bool> by_link(n, false);
    auto after = [&](date start, int dur) { return c.step(start, dur); };
    for (std::size_t i = 0; i < n; ++i) {
        es[i] = tasks[i].start ? std::max(begin, c.next_working(*tasks[i].start)) : begin;
        ef[i] = after(es[i], tasks[i].duration);
    }
    for (bool changed = true; changed;) {  // relax until nothing moves
        changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            date own = tasks[i].start ? std::max(begin, c.next_working(*tasks[i].start)) : begin;
            date best = own;
            bool link_wins = false;
            for (const plangraph::link& l : m.links()) {
                if (index(l.to) != i) continue;
                auto p = index(l.from);
                int dur = tasks[i].duration;
                date bound;
                switch (l.type) {
                    case link_type::finish_to_start: bound = c.step(ef[p], l.lag); break;
                    case link_type::start_to_start: bound = c.step(es[p], l.lag); break;
                    case link_type::finish_to_finish: bound = c.step(ef[p], l.lag - dur); break;
                    case link_type::start_to_finish: bound = c.step(es[p], l.lag - dur); break;
                }
                if (bound > best) { best = bound; link_wins = true; }
            }
            if (best != es[i] || link_wins != by_link[i]) {
                es[i] = best;
                by_link[i] = link_wins;
                ef[i] = after(best, tasks[i].duration);
                changed = true;
            }
        }
    }
    date finish = begin;
    for (std::size_t i = 0; i < n; ++i) finish = std::max(finish, ef[i]);
    for (std::size_t i = 0; i < n; ++i) {
        lf[i] = finish;
        if (tasks[i].due) lf[i] = std::min(lf[i], c.step(c.prev_working(*tasks[i].due), 1));
        ls[i] = c.step(lf[i], -tasks[i].duration);
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            date f = finish;
            if (tasks[i].due) f = std::min(f, c.step(c.prev_working(*tasks[i].due), 1));
            int dur = tasks[i].duration;
            for (const plangraph::link& l : m.links()) {
                if (index(l.from) != i) continue;
                auto s = index(l.to);
                switch (l.type) {
                    case link_type::finish_to_start: f = std::min(f, c.step(ls[s], -l.lag)); break;
                    case link_type::finish_to_finish: f = std::min(f, c.step(lf[s], -l.lag)); break;
                    case link_type::start_to_start: f = std::min(f, c.step(ls[s], dur - l.lag)); break;
                    case link_type::start_to_finish: f = std::min(f, c.step(lf[s], dur - l.lag)); break;
                }
            }
            if (f != lf[i]) {
                lf[i] = f;
                ls[i] = c.step(f, -dur);
                changed = true;
            }
        }
    }
    std::vector<row> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto& o = out[i];
        int dur = tasks[i].duration;
        auto last_day = [&](date boundary) { return c.prev_working(boundary - days(1)); };
        if (dur == 0) {
            o.es = o.ef = format_date(by_link[i] ? last_day(es[i]) : es[i]);
            o.ls = o.lf = format_date(last_day(lf[i]));
        } else {
            o.es = format_date(es[i]);
            o.ef = format_date(last_day(ef[i]));
            o.ls = format_date(ls[i]);
            o.lf = format_date(last_day(lf[i]));
        }
        o.total = c.between(es[i], ls[i]);
        int fr = c.between(ef[i], finish);
        for (const plangraph::link& l : m.links()) {
            if (index(l.from) != i) continue;
            auto s = index(l.to);
            switch (l.type) {
                case link_type::finish_to_start: fr = std::min(fr, c.between(ef[i], es[s]) - l.lag); break;
                case link_type::start_to_start: fr = std::min(fr, c.between(es[i], es[s]) - l.lag); break;
                case link_type::finish_to_finish: fr = std::min(fr, c.between(ef[i], ef[s]) - l.lag); break;
                case link_type::start_to_finish: fr = std::min(fr, c.between(es[i], ef[s]) - l.lag); break;
            }
        }
        o.free = std::max(0, std::min(fr, std::max(o.total, 0)));
    }
    return out;
}

}  // namespace reference

namespace {

struct random_model {
    model m;
    reference::cal cal;
};

random_model make_random(std::mt19937& rng, int n, int max_links, bool deadlines, bool holidays) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    random_model out;
    calendar c;
    date base = d(2025, 1, 6);
    if (holidays) {
        for (int k = 0; k < 6; ++k) {
            date h = base + days(pick(0, 60));
            bool working = pick(0, 3) == 0;  // some make-up days (often weekends)
            c.set_exception(h, working);
            out.cal.exceptions[h] = working;
        }
    }
    out.m.set_calendar(c);
    auto u = out.m.add_unit({.key = "U", .name = "U"});
    for (int i = 0; i < n; ++i) {
        task t{.key = "T" + std::to_string(i), .name = "t", .unit = u};
        t.duration = pick(0, 3) == 0 ? 0 : pick(1, 6);
        if (i == 0 || pick(0, 4) == 0) t.start = base + days(pick(0, 20));
        if (deadlines && pick(0, 4) == 0) t.due = t.start.value_or(base) + days(pick(5, 40));
        out.m.add_task(t);
    }
    std::vector<plangraph::link> ls;
    for (int k = 0; k < max_links && n > 1; ++k) {
        int a = pick(0, n - 2), b = pick(a + 1, n - 1);
        ls.push_back({make_id<task_id>(static_cast<std::size_t>(a)), make_id<task_id>(static_cast<std::size_t>(b)),
                      static_cast<link_type>(pick(0, 3)), pick(-3, 4)});
    }
    if (!ls.empty()) out.m.add_links(ls);
    return out;
}

}  // namespace

TEST_CASE("schedule.reference.agrees_on_random_models") {
    std::mt19937 rng(57);
    int compared = 0;
    for (int round = 0; round < 400; ++round) {
        auto [m, cal] = make_random(rng, 2 + round % 11, round % 17, round % 3 != 0, round % 2 == 0);
        auto ours = schedule(m);
        auto ref = reference::run(m, cal);
        for (std::size_t i = 0; i < ref.size(); ++i) {
            const auto& s = ours.tasks[i];
            INFO("round ", round, " task T", i);
            CHECK(iso(s.early_start) == ref[i].es);
            CHECK(iso(s.early_finish) == ref[i].ef);
            CHECK(iso(s.late_start) == ref[i].ls);
            CHECK(iso(s.late_finish) == ref[i].lf);
            CHECK(s.total_slack == ref[i].total);
            CHECK(s.free_slack == ref[i].free);
            ++compared;
        }
    }
    CHECK(compared > 2000);
}

TEST_CASE("schedule.network.the_model_and_its_plain_rows_agree_with_tasks_cancelled") {
    // A model's network reads its columns and trusts its checks; plain rows are checked and
    // compiled on their own. Cancelled tasks take no part either way, nor do their links.
    std::mt19937 rng(91);
    for (int round = 0; round < 40; ++round) {
        auto [m, cal] = make_random(rng, 60, 150, round % 2 == 0, true);
        int cancelled = 0;
        for (std::size_t i = 0; i < m.tasks().size(); ++i)
            if (round % 4 != 0 && rng() % 5 == 0) {
                m.set_cancelled(make_id<task_id>(i), true);
                ++cancelled;
            }
        std::vector<task> rows;
        for (const task_view t : m.tasks()) rows.push_back(t.to_task());
        const schedule_options opts{.start = d(2025, 1, 6)};
        const auto ours = schedule_network(m).run(m, opts);
        const auto plain = schedule_network(rows, m.links()).run(m.tasks(), m.calendar(), opts);
        REQUIRE(ours.tasks.size() == plain.tasks.size());
        int scheduled = 0;
        for (std::size_t i = 0; i < ours.tasks.size(); ++i) {
            const auto &a = ours.tasks[i], &b = plain.tasks[i];
            INFO("round ", round, " task T", i);
            CHECK(a.scheduled == !m.tasks()[i].cancelled);
            CHECK(a.scheduled == b.scheduled);
            CHECK(a.early_start_moment == b.early_start_moment);
            CHECK(a.early_finish_moment == b.early_finish_moment);
            CHECK(a.late_start_moment == b.late_start_moment);
            CHECK(a.late_finish_moment == b.late_finish_moment);
            scheduled += a.scheduled ? 1 : 0;
        }
        CHECK(scheduled + cancelled == 60);
        for (const plangraph::link& l : m.links()) {  // finish-to-start links between tasks that take part hold
            const auto &a = ours[l.from], &b = ours[l.to];
            if (a.scheduled && b.scheduled && l.type == link_type::finish_to_start)
                CHECK(b.early_start_moment >= a.early_finish_moment + l.lag);
        }
    }
}

// ---- properties on random DAGs ----------------------------------------------------------------

TEST_CASE("schedule.properties.links_slack_and_critical_paths") {
    std::mt19937 rng(2025);
    for (int round = 0; round < 30; ++round) {
        bool deadlines = round % 2 == 1;
        auto [m, cal] = make_random(rng, 150, 400, deadlines, true);
        auto r = schedule(m);
        for (const plangraph::link& l : m.links()) {
            const auto& a = r[l.from];
            const auto& b = r[l.to];
            auto holds = [&](int as, int af, int bs, int bf) {
                switch (l.type) {
                    case link_type::finish_to_start: return bs >= af + l.lag;
                    case link_type::start_to_start: return bs >= as + l.lag;
                    case link_type::finish_to_finish: return bf >= af + l.lag;
                    case link_type::start_to_finish: return bf >= as + l.lag;
                }
                return false;
            };
            CHECK(holds(a.early_start_moment, a.early_finish_moment, b.early_start_moment, b.early_finish_moment));
            CHECK(holds(a.late_start_moment, a.late_finish_moment, b.late_start_moment, b.late_finish_moment));
        }
        int min_slack = std::numeric_limits<int>::max();
        for (const auto& s : r.tasks) {
            CHECK(s.total_slack == s.late_start_moment - s.early_start_moment);
            CHECK(s.free_slack <= std::max(s.total_slack, 0));
            CHECK(s.free_slack >= 0);
            CHECK(s.critical == (s.total_slack <= 0));
            min_slack = std::min(min_slack, s.total_slack);
        }
        if (!deadlines) {
            auto paths = critical_paths(m, r);
            REQUIRE_FALSE(paths.empty());
            for (const auto& path : paths)
                for (auto t : path) CHECK(r[t].total_slack == min_slack);
            // the path that ends the schedule starts where nothing drives it
            bool ends_schedule = false;
            for (const auto& path : paths)
                ends_schedule = ends_schedule || r[path.back()].early_finish_moment == r.finish_moment;
            CHECK(ends_schedule);
        }
    }
}

// ---- Boost.Graph as oracle: early starts are longest paths --------------------------------------

TEST_CASE("schedule.bgl.early_dates_equal_dag_longest_paths_for_fs_links") {
    using graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                        boost::property<boost::edge_weight_t, int>>;
    std::mt19937 rng(7);
    for (int round = 0; round < 10; ++round) {
        auto [m0, cal] = make_random(rng, 300, 0, false, true);
        model m = m0;
        std::vector<plangraph::link> ls;
        for (int k = 0; k < 900; ++k) {
            int a = std::uniform_int_distribution<int>(0, 298)(rng);
            int b = std::uniform_int_distribution<int>(a + 1, 299)(rng);
            ls.push_back({make_id<task_id>(static_cast<std::size_t>(a)), make_id<task_id>(static_cast<std::size_t>(b)),
                          link_type::finish_to_start, std::uniform_int_distribution<int>(-2, 3)(rng)});
        }
        m.add_links(ls);
        auto r = schedule(m);
        const std::size_t n = m.tasks().size();
        graph g(n + 1);  // vertex n: a source whose edges carry each task's earliest start
        for (const plangraph::link& l : m.links())
            boost::add_edge(index(l.from), index(l.to), m[l.from].duration + l.lag, g);
        for (std::size_t i = 0; i < n; ++i) {
            int lo = r.start_moment;
            if (m.tasks()[i].start) lo = std::max(lo, r.days.on_or_after(*m.tasks()[i].start));
            boost::add_edge(n, i, lo, g);
        }
        std::vector<int> dist(n + 1);
        boost::dag_shortest_paths(g, n,
                                  boost::distance_map(dist.data())
                                      .distance_compare(std::greater<int>())
                                      .distance_inf(std::numeric_limits<int>::min())
                                      .distance_zero(0));
        for (std::size_t i = 0; i < n; ++i) CHECK(r.tasks[i].early_start_moment == dist[i]);
    }
}

TEST_CASE("schedule.working_days.conversions_inside_and_outside_the_range") {
    calendar c;
    c.set_exception(d(2025, 4, 30), false);
    c.set_exception(d(2025, 5, 1), false);
    working_days wd(c, d(2025, 4, 1), d(2025, 4, 30));
    CHECK(wd.on_or_after(d(2025, 4, 1)) == 0);
    CHECK(wd.on_or_after(d(2025, 4, 5)) == 4);  // Saturday: the Monday after
    CHECK(wd.on_or_before(d(2025, 4, 5)) == 3);
    CHECK(iso(wd.day(wd.on_or_after(d(2025, 4, 29)) + 1)) == "2025-05-02");  // past the range
    CHECK(iso(wd.day(-1)) == "2025-03-31");
    CHECK(wd.on_or_after(d(2025, 3, 31)) == -1);
    CHECK(wd.count(d(2025, 4, 28), d(2025, 5, 2)) == 3);
    wd.extend_to_number(40);
    CHECK(wd.size() > 40);
    CHECK(iso(wd.day(wd.on_or_after(d(2025, 4, 29)) + 1)) == "2025-05-02");
    CHECK_THROWS_AS(working_days(calendar(std::array<bool, 7>{}), d(2025, 1, 1), d(2025, 1, 2)), error);
}

TEST_CASE("schedule.working_days.far_outside_the_range_agree_with_counting_day_by_day") {
    // Numbers and dates far outside the precomputed range are computed in closed form (whole
    // weeks plus exceptions); a range precomputed over the whole span is the day-by-day oracle.
    std::mt19937 rng(57);
    for (int round = 0; round < 40; ++round) {
        std::array<bool, 7> week{};
        for (auto& w : week) w = rng() % 3 != 0;
        week[static_cast<std::size_t>(rng() % 7)] = true;  // at least one working weekday
        calendar c(week);
        for (int k = 0; k < 30; ++k)
            c.set_exception(d(2020, 1, 1) + days(static_cast<long>(rng() % 4000)), rng() % 2 == 0);
        const date lo = d(2019, 6, 1), hi = d(2031, 12, 31);
        working_days all(c, lo, hi);
        working_days narrow(c, d(2025, 3, 3), d(2025, 3, 20));
        const int shift = all.on_or_after(d(2025, 3, 3));  // `narrow` numbers from there
        for (int k = 0; k < 50; ++k) {
            const date x = lo + days(static_cast<long>(rng() % static_cast<unsigned>((hi - lo).days() - 1)));
            REQUIRE(narrow.on_or_after(x) == all.on_or_after(x) - shift);
            REQUIRE(narrow.on_or_before(x) == all.on_or_before(x) - shift);
            const int n = all.on_or_after(x);
            if (n < all.size()) REQUIRE(narrow.day(n - shift) == all.day(n));
            const date y = lo + days(static_cast<long>(rng() % 400));
            REQUIRE(c.count_working(y, x) == (x < y ? 0 : all.on_or_after(x) - all.on_or_after(y)));
        }
    }
}

TEST_CASE("schedule.working_days.the_ends_of_the_calendar_are_reached_without_walking_to_them") {
    calendar c;
    c.set_exception(d(2025, 5, 1), false);
    working_days wd(c, d(2025, 1, 1), d(2025, 12, 31));
    const int last = wd.on_or_before(last_countable_day());
    const int first = wd.on_or_after(first_countable_day());
    CHECK(wd.day(last) == d(9999, 12, 31));  // a Friday
    CHECK(wd.day(first) == d(1400, 1, 1));   // a Wednesday (proleptic Gregorian)
    CHECK(last - wd.on_or_after(d(2026, 1, 1)) + 1 == c.count_working(d(2026, 1, 1), last_countable_day() + days(1)));
    CHECK_THROWS_WITH_AS(wd.day(last + 1),
                         ("calendar: working day " + std::to_string(last + 1) +
                          " falls outside 1400-01-01..9999-12-31, the days the calendar can count").c_str(),
                         error);
    CHECK_THROWS_AS(wd.day(first - 1), error);
}

TEST_CASE("schedule.bounds.lags_at_their_limit_do_not_wrap") {
    // D02's shape: a lag of 2^31 - 1 is refused at the door; at the limit it moves the successor
    // that far, and a lead that far is held by the schedule's start.
    fixture f;
    auto t1 = f.add("T1", 5, d(2025, 1, 6));
    auto t2 = f.add("T2", 3);
    auto t3 = f.add("T3", 3);
    f.link(t1, t2, link_type::finish_to_start, limits::max_lag);
    f.link(t1, t3, link_type::start_to_start, -limits::max_lag);
    auto r = f.run();
    CHECK(r[t2].early_start_moment == r[t1].early_finish_moment + limits::max_lag);
    CHECK(r[t2].early_start > r[t1].early_finish);
    CHECK(r.days.count(r[t1].early_finish, r[t2].early_start) == limits::max_lag + 2);
    CHECK(iso(r[t3].early_start) == "2025-01-06");
}

TEST_CASE("schedule.bounds.dates_at_the_limits_schedule") {
    // D07's shapes moved to the limits: the first and last accepted days, the longest duration.
    fixture f;
    auto a = f.add("A", 5, limits::min_date(), limits::max_date());
    auto b = f.add("B", limits::max_duration, limits::max_date());
    auto r = f.run();
    CHECK(iso(r[a].early_start) == "1900-01-01");
    CHECK(r[a].late_finish <= limits::max_date());
    CHECK(r.days.count(r[b].early_start, r[b].early_finish) == limits::max_duration);
    CHECK(r[b].early_finish.year() == 2583);
}

TEST_CASE("schedule.bounds.a_chain_running_off_the_calendar_names_its_task") {
    // 25 tasks of the longest duration in a row: 2.5 million working days from 2025, past the
    // 2.08 million the calendar counts to 9999-12-31; the 21st is the first to finish past it.
    fixture f;
    task_id prev = f.add("T1", limits::max_duration, d(2025, 1, 6));
    for (int k = 2; k <= 25; ++k) {
        auto t = f.add("T" + std::to_string(k), limits::max_duration);
        f.link(prev, t);
        prev = t;
    }
    CHECK_THROWS_WITH_AS(f.run(),
                         "schedule: task T21 would finish after 9999-12-31, the last day the calendar can count "
                         "(its predecessors, durations and lags add up past it)",
                         schedule_error);
}

TEST_CASE("schedule.bounds.late_dates_running_before_the_calendar_name_their_task") {
    // Two tasks of the longest duration due in 1900: the first would have to start before 1400.
    fixture f;
    auto a = f.add("A", limits::max_duration, d(1900, 1, 1));
    auto b = f.add("B", limits::max_duration, {}, d(1900, 6, 1));
    f.link(a, b);
    CHECK_THROWS_WITH_AS(f.run(),
                         "schedule: task A would have to start before 1400-01-01, the first day the calendar can "
                         "count, to meet the deadlines after it",
                         schedule_error);
    // Without deadlines it schedules; propagating them through three such tasks cannot.
    auto c = f.add("C", limits::max_duration);
    f.m.set_due(b, {});
    f.m.set_due(c, d(1900, 6, 1));
    f.link(b, c);
    auto r = f.run({.honour_deadlines = false});
    CHECK(r[c].early_finish.year() > 3000);
    CHECK_THROWS_WITH_AS((void)propagate_deadlines(f.m, r),
                         "deadlines: task A would have to finish before 1400-01-01, the first day the calendar can "
                         "count, to meet the deadlines after it",
                         schedule_error);
}

TEST_CASE("schedule.bounds.arguments_outside_the_limits_are_named") {
    fixture f;
    f.add("A", 5, d(2025, 1, 6));
    CHECK_THROWS_WITH_AS(f.run({.start = d(1400, 1, 1)}),
                         "schedule: start 1400-01-01 is outside 1900-01-01..2199-12-31", schedule_error);
    CHECK_THROWS_WITH_AS(f.run({.as_of = d(9999, 12, 31)}),
                         "schedule: as-of date 9999-12-31 is outside 1900-01-01..2199-12-31", schedule_error);
    // Plain rows, which no model checked, are checked when the network is compiled.
    std::vector<task> rows{{.key = "X", .start = d(2025, 1, 6), .duration = 2147483647}};
    CHECK_THROWS_WITH_AS(schedule_network(rows, {}), "task X: duration 2147483647 is outside 0..100000",
                         schedule_error);
}

TEST_CASE("schedule.working_days.near_the_ends_of_the_calendar_throw_plangraph_errors") {
    working_days end(calendar{}, d(9999, 12, 20), last_countable_day());
    CHECK(end.day(end.on_or_before(last_countable_day())) == d(9999, 12, 31));  // a Friday
    CHECK_THROWS_WITH_AS(end.day(end.size()),
                         ("calendar: working day " + std::to_string(end.size()) +
                          " falls outside 1400-01-01..9999-12-31, the days the calendar can count").c_str(),
                         error);
    CHECK_THROWS_WITH_AS(end.extend_to_number(end.size()),
                         ("calendar: working day " + std::to_string(end.size()) +
                          " falls past 9999-12-31, the last day the calendar can count").c_str(),
                         error);
    working_days start(calendar{}, first_countable_day(), d(1400, 1, 10));
    CHECK(start.on_or_after(first_countable_day()) == 0);
    CHECK_THROWS_AS(start.day(-1), error);
    CHECK_THROWS_AS(working_days(calendar{}, d(9999, 12, 1), last_countable_day() + days(1)), error);
}

// ---- the link rules (detail/link_rules.hpp), worked by hand -------------------------------------
// Predecessor P on moments [10, 15) (5 days), successor S of 3 days, lag +2 and -2.

TEST_CASE("link_rules.earliest_start.the_four_types_with_lags") {
    using detail::earliest_start;
    const detail::moments<int> p{10, 15};
    CHECK(earliest_start(link_type::finish_to_start, 2, p, 3) == 17);  // start after finish(P) + 2
    CHECK(earliest_start(link_type::finish_to_start, -2, p, 3) == 13);
    CHECK(earliest_start(link_type::start_to_start, 2, p, 3) == 12);  // start(P) + 2
    CHECK(earliest_start(link_type::start_to_start, -2, p, 3) == 8);
    CHECK(earliest_start(link_type::finish_to_finish, 2, p, 3) == 14);  // finish 17, 3 days earlier
    CHECK(earliest_start(link_type::finish_to_finish, -2, p, 3) == 10);
    CHECK(earliest_start(link_type::start_to_finish, 2, p, 3) == 9);  // finish 12, 3 days earlier
    CHECK(earliest_start(link_type::start_to_finish, -2, p, 3) == 5);
}

TEST_CASE("link_rules.latest_finish.the_four_types_with_lags") {
    // S late on [20, 23); P of 5 days.
    using detail::latest_finish;
    const detail::moments<int> s{20, 23};
    CHECK(latest_finish(link_type::finish_to_start, 2, s, 5) == 18);  // finish by start(S) - 2
    CHECK(latest_finish(link_type::finish_to_start, -2, s, 5) == 22);
    CHECK(latest_finish(link_type::start_to_start, 2, s, 5) == 23);  // start by 18, so finish by 23
    CHECK(latest_finish(link_type::start_to_start, -2, s, 5) == 27);
    CHECK(latest_finish(link_type::finish_to_finish, 2, s, 5) == 21);  // finish by finish(S) - 2
    CHECK(latest_finish(link_type::finish_to_finish, -2, s, 5) == 25);
    CHECK(latest_finish(link_type::start_to_finish, 2, s, 5) == 26);  // start by 21, so finish by 26
    CHECK(latest_finish(link_type::start_to_finish, -2, s, 5) == 30);
    // The end it bounds: the finish for FS and FF, the start for SS and SF.
    CHECK(detail::latest_linked_end(link_type::start_to_start, 2, s) == 18);
    CHECK(detail::latest_linked_end(link_type::start_to_finish, 2, s) == 21);
    // Deadlines carry bounds in 64 bits: the same rule, past what 32 bits hold.
    const std::int64_t far = std::int64_t{1} << 40;
    CHECK(latest_finish(link_type::start_to_start, std::int64_t{2}, detail::moments<std::int64_t>{far, far + 3}, 5) ==
          far + 3);
}

TEST_CASE("link_rules.free_slack.the_four_types_with_lags") {
    // P early on [10, 15), S early on [20, 23).
    using detail::free_slack;
    const detail::moments<int> p{10, 15}, s{20, 23};
    CHECK(free_slack(link_type::finish_to_start, 2, p, s) == 3);  // 20 - 2 - 15
    CHECK(free_slack(link_type::finish_to_start, -2, p, s) == 7);
    CHECK(free_slack(link_type::start_to_start, 2, p, s) == 8);  // 20 - 2 - 10
    CHECK(free_slack(link_type::start_to_start, -2, p, s) == 12);
    CHECK(free_slack(link_type::finish_to_finish, 2, p, s) == 6);  // 23 - 2 - 15
    CHECK(free_slack(link_type::finish_to_finish, -2, p, s) == 10);
    CHECK(free_slack(link_type::start_to_finish, 2, p, s) == 11);  // 23 - 2 - 10
    CHECK(free_slack(link_type::start_to_finish, -2, p, s) == 15);
}

TEST_CASE("link_rules.start_distance.the_four_types_with_lags") {
    // From a task of 5 days to one of 3: start(S) >= start(P) + distance.
    using detail::start_distance;
    CHECK(start_distance(link_type::finish_to_start, 2, 5, 3) == 7);
    CHECK(start_distance(link_type::finish_to_start, -2, 5, 3) == 3);
    CHECK(start_distance(link_type::start_to_start, 2, 5, 3) == 2);
    CHECK(start_distance(link_type::start_to_start, -2, 5, 3) == -2);
    CHECK(start_distance(link_type::finish_to_finish, 2, 5, 3) == 4);
    CHECK(start_distance(link_type::finish_to_finish, -2, 5, 3) == 0);
    CHECK(start_distance(link_type::start_to_finish, 2, 5, 3) == -1);
    CHECK(start_distance(link_type::start_to_finish, -2, 5, 3) == -5);
}

TEST_CASE("link_rules.agree_with_each_other") {
    // A successor placed at the earliest start a link allows leaves its predecessor no free
    // slack, and the predecessor at the latest finish the link allows it meets it exactly.
    const detail::moments<int> p{10, 15};
    for (auto t : {link_type::finish_to_start, link_type::start_to_start, link_type::finish_to_finish,
                   link_type::start_to_finish})
        for (int lag : {-4, 0, 3})
            for (int length : {0, 1, 6}) {
                INFO(to_string(t), " lag ", lag, " duration ", length);
                const int es = detail::earliest_start(t, lag, p, length);
                const detail::moments<int> s{es, es + length};
                CHECK(detail::free_slack(t, lag, p, s) == 0);
                CHECK(detail::latest_finish(t, lag, s, 5) == p.finish);
                CHECK(es - p.start == detail::start_distance(t, lag, 5, length));
            }
}

// ---- deadline propagation -----------------------------------------------------------------------

TEST_CASE("deadlines.cascade_from_a_central_task_down_to_communes_and_back_through_links") {
    fixture f;
    auto centre = f.add("C", 0, {}, d(2025, 11, 15));  // a Saturday: the Friday before counts
    auto prov = f.m.add_task({.key = "P", .name = "P", .unit = f.u, .parent = centre, .duration = 1});
    auto k1 = f.m.add_task({.key = "K1", .name = "K1", .unit = f.u, .parent = prov, .duration = 5});
    auto k2 = f.m.add_task({.key = "K2", .name = "K2", .unit = f.u, .parent = prov, .due = d(2025, 11, 20),
                            .duration = 2});  // later than its parent's deadline
    auto prep = f.add("PREP", 3, d(2025, 11, 3));
    auto other = f.add("FREE", 1, d(2025, 11, 3));
    f.link(prep, k1, link_type::finish_to_start, 1);
    auto r = f.run();
    auto rep = propagate_deadlines(f.m, r);
    CHECK(iso(*rep.tasks[index(k1)].deadline) == "2025-11-14");
    CHECK(rep.tasks[index(k1)].source == centre);
    CHECK(rep.tasks[index(k1)].via == prov);
    // PREP must end 1 + 5 working days before K1's deadline: finish by Thursday 6 November.
    CHECK(iso(*rep.tasks[index(prep)].deadline) == "2025-11-06");
    CHECK(rep.tasks[index(prep)].source == centre);
    CHECK(rep.tasks[index(prep)].via == k1);
    CHECK_FALSE(rep.tasks[index(other)].deadline);
    REQUIRE(rep.conflicts.size() == 1);
    CHECK(rep.conflicts[0].kind == conflict_kind::due_after_parent);
    CHECK(rep.conflicts[0].task == k2);
    CHECK(rep.conflicts[0].message == "task K2 is due 2025-11-20, after its parent P's deadline 2025-11-14 (from C)");
}

TEST_CASE("deadlines.late_task_reports_the_chain_that_makes_it_late") {
    fixture f;
    auto a = f.add("A", 5, d(2025, 1, 6));
    auto b = f.add("B", 3);
    auto c = f.add("C", 2, {}, d(2025, 1, 15));
    f.link(a, b);
    f.link(b, c, link_type::finish_to_start, 1);
    auto r = f.run();
    auto rep = propagate_deadlines(f.m, r);
    REQUIRE(rep.conflicts.size() == 3);  // A, B and C all finish past their deadlines
    const auto& late = rep.conflicts[2];
    CHECK(late.task == c);
    CHECK(late.days_late == 3);
    CHECK(late.chain == std::vector<task_id>{a, b, c});
    CHECK(late.links.size() == 2);
    CHECK(late.message == "task C finishes 2025-01-20, 3 working days after its deadline 2025-01-15 (due of C); "
                          "driven by A -FS-> B -FS+1-> C");
    CHECK(rep.conflicts[0].message ==
          "task A finishes 2025-01-10, 3 working days after its deadline 2025-01-07 (due of C, via B (FS), via C (FS+1))");
}

TEST_CASE("deadlines.shared_network_gives_the_same_report") {
    std::mt19937 rng(12);
    std::size_t bounded = 0, conflicts = 0;
    for (int round = 0; round < 60; ++round) {
        auto [m, cal] = make_random(rng, 40, 80, true, round % 2 == 0);
        CAPTURE(round);
        const schedule_network net(m);
        const auto r = net.run(m);
        const auto shared = propagate_deadlines(m, net, r);
        const auto again = propagate_deadlines(m, schedule(m));
        REQUIRE(shared.tasks.size() == again.tasks.size());
        for (std::size_t i = 0; i < shared.tasks.size(); ++i) {
            const auto &a = shared.tasks[i], &b = again.tasks[i];
            CHECK(a.deadline == b.deadline);
            CHECK(a.finish_moment == b.finish_moment);
            CHECK(a.source == b.source);
            CHECK(a.via == b.via);
            CHECK(a.via_link == b.via_link);
            bounded += a.deadline.has_value();
        }
        REQUIRE(shared.conflicts.size() == again.conflicts.size());
        for (std::size_t c = 0; c < shared.conflicts.size(); ++c) CHECK(shared.conflicts[c].message == again.conflicts[c].message);
        conflicts += shared.conflicts.size();
    }
    CHECK(bounded > 500);
    CHECK(conflicts > 20);
}

TEST_CASE("deadlines.network_of_another_model_is_refused") {
    fixture f, other;
    f.add("A", 2, d(2025, 1, 6), d(2025, 1, 10));
    f.add("B", 1);
    other.add("X", 1, d(2025, 1, 6));
    const auto r = f.run();
    CHECK_THROWS_WITH_AS(propagate_deadlines(f.m, schedule_network(other.m), r),
                         "deadlines: the network or the schedule was made for another model (1 and 2 tasks, the model has 2)",
                         schedule_error);
}
