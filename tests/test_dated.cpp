// The dated hierarchy (DESIGN.md, "Units over time"): units with valid_from/valid_to and
// successions, read and written back, every rule of succession.hpp with its exact message and
// place; placement on the map of a date and every rollup on it, against an oracle that walks each
// task's chain as DESIGN words it.
#include "support.hpp"

#include <plangraph/plangraph.hpp>
#include <plangraph/io/csv.hpp>
#include <plangraph/io/json.hpp>
#include <plangraph/io/vn_admin.hpp>
#include <plangraph/rollup_bgl.hpp>
#include <plangraph/rollup_parallel.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace plangraph;
using plangraph::test::temp_dir;

namespace {

date d(const char* s) { return *parse_date(s); }

/// The messages of a directory's problems, "file:line:col: message" with the directory cut off.
std::vector<std::string> problems_of(const temp_dir& dir) {
    std::vector<std::string> out;
    for (const auto& p : validate(read_model_dir(dir.path))) {
        auto s = to_string(p);
        auto cut = s.find(dir.path.string());
        if (cut != std::string::npos) s.erase(cut, dir.path.string().size() + 1);
        out.push_back(s);
    }
    return out;
}

// A province P formed on 2025-07-01 from A and B; B's commune b2 split between p1 and p2.
const char* merger_units =
    "id,parent,name,valid_from,valid_to\n"
    "VN,,Nation,,\n"
    "A,VN,Old A,,2025-06-30\n"
    "B,VN,Old B,,2025-06-30\n"
    "a1,A,Commune a1,,2025-06-30\n"
    "b2,B,Commune b2,,2025-06-30\n"
    "P,VN,New P,2025-07-01,\n"
    "p1,P,Commune p1,2025-07-01,\n"
    "p2,P,Commune p2,2025-07-01,\n";
const char* merger_successions =
    "from,to,date,share\n"
    "A,P,2025-07-01,\n"
    "B,P,2025-07-01,\n"
    "a1,p1,2025-07-01,\n"
    "b2,p1,2025-07-01,0.4\n"
    "b2,p2,2025-07-01,0.6\n";

}  // namespace

TEST_CASE("dated.csv.read_and_write_back") {
    temp_dir dir{{"units.csv", merger_units}, {"successions.csv", merger_successions}};
    auto m = load_model_dir(dir.path);
    REQUIRE(m.dated());
    CHECK(m[*m.find_unit("P")].valid_from == d("2025-07-01"));
    CHECK(m[*m.find_unit("A")].valid_to == d("2025-06-30"));
    CHECK_FALSE(m[*m.find_unit("VN")].valid_from);
    REQUIRE(m.successions().size() == 5);
    CHECK(m.successions()[3] == succession{*m.find_unit("b2"), *m.find_unit("p1"), d("2025-07-01"), 0.4});
    CHECK_FALSE(m.successions()[0].share);

    temp_dir out;
    write_model_dir(m, out.path);
    CHECK(load_model_dir(out.path) == m);
    CHECK(plangraph::test::slurp(out.path / "successions.csv") ==
          "from,to,date,share\nA,P,2025-07-01,\nB,P,2025-07-01,\na1,p1,2025-07-01,\nb2,p1,2025-07-01,0.4\n"
          "b2,p2,2025-07-01,0.6\n");
    CHECK(io::model_from_json(io::model_to_json(m)) == m);
}

TEST_CASE("dated.csv.undated_model_written_as_before") {
    temp_dir dir{{"units.csv", "id,parent,name\nVN,,Nation\nHN,VN,Hà Nội\n"}};
    auto m = load_model_dir(dir.path);
    CHECK_FALSE(m.dated());
    temp_dir out{{"successions.csv", "from,to,date\n"}};  // stale: removed on writing
    write_model_dir(m, out.path);
    CHECK(plangraph::test::slurp(out.path / "units.csv") == "id,parent,name,level,weight\nVN,,Nation,centre,1\nHN,VN,Hà Nội,province,1\n");
    CHECK_FALSE(std::filesystem::exists(out.path / "successions.csv"));
    auto j = io::model_to_json(m);
    CHECK_FALSE(j.contains("successions"));
    CHECK_FALSE(j["units"][0].contains("valid_from"));
}

TEST_CASE("dated.csv.bad_cells") {
    temp_dir dir{{"units.csv", "id,parent,name,valid_from\nVN,,Nation,2025-13-01\n"},
                 {"successions.csv", "from,to,date,share\nVN,VN,,\nVN,VN,2025-07-01,half\n"}};
    CHECK(problems_of(dir) == std::vector<std::string>{
        "units.csv:2:4: bad date '2025-13-01' in column valid_from of unit VN (expected YYYY-MM-DD)",
        "successions.csv:2:3: missing value in column date (expected YYYY-MM-DD)",
        "successions.csv:3:4: bad number 'half' in column share of succession VN -> VN",
        "successions.csv:3:1: succession VN -> VN on 2025-07-01: VN must end the day before (valid_to 2025-06-30), but its valid_to is none",
        "successions.csv:3:1: succession cycle: VN -> VN",
    });
}

TEST_CASE("dated.validate.every_rule_with_its_place") {
    temp_dir dir{
        {"units.csv",
         "id,parent,name,valid_from,valid_to\n"
         "VN,,Nation,,\n"
         "A,VN,Old A,,2025-06-30\n"
         "B,VN,Old B,,\n"                        // still alive when it passes on
         "P,VN,New P,2025-07-01,\n"
         "Q,VN,New Q,2025-08-01,\n"              // not yet alive on the succession's date
         "c,P,Commune c,2025-01-01,\n"           // exists before its parent
         "e,A,Commune e,,2025-12-31\n"           // outlives its parent
         "f,VN,Backwards,2025-07-01,2025-06-01\n"
         "S,VN,Split,,2025-06-30\n"
         "T,VN,Split too,,2025-06-30\n"
         "X,VN,Cycle x,,2025-06-30\n"
         "Y,VN,Cycle y,,2025-06-30\n"
         "U,VN,Mixed,,2025-06-30\n"},
        {"successions.csv",
         "from,to,date,share\n"
         "A,P,2025-07-01,\n"      // fine
         "B,P,2025-07-01,\n"      // line 3: B alive
         "A,Q,2025-07-01,\n"      // line 4: Q not yet alive
         "S,P,2025-07-01,1.5\n"   // line 5: share out of range, sum 1.5
         "T,P,2025-07-01,0.3\n"   // line 6: sum 0.9
         "T,VN,2025-07-01,0.6\n"
         "A,P,2025-07-01,\n"      // line 8: duplicate
         "X,Y,2025-07-01,\n"      // lines 9-10: cycle
         "Y,X,2025-07-01,\n"
         "A,ZZ,2025-07-01,\n"     // line 11: unknown unit
         "U,P,2025-07-01,0.5\n"   // line 12: some shares given, some not
         "U,VN,2025-07-01,\n"},
        {"tasks.csv",
         "id,unit,name,completed,due\n"
         "t1,P,Done before P,2025-03-01,\n"   // completed before its unit exists
         "t2,A,Done after A,2025-09-01,\n"},  // fine: placed forward
        {"indicators.csv",
         "id,unit,name,period,actual\n"
         "i1,P,Before P,2025-Q1,1\n"
         "i2,P,With P,2025-Q3,1\n"}};
    CHECK(problems_of(dir) == std::vector<std::string>{
        "successions.csv:11:2: succession A -> ZZ: unknown unit ZZ in column to",
        "units.csv:7:2: unit c: parent P does not exist on every day c does (c from 2025-01-01, P only from 2025-07-01)",
        "units.csv:8:2: unit e: parent A does not exist on every day e does (e until 2025-12-31, A only until 2025-06-30)",
        "units.csv:9:4: unit f: valid_from 2025-07-01 is after valid_to 2025-06-01",
        "successions.csv:3:1: succession B -> P on 2025-07-01: B must end the day before (valid_to 2025-06-30), but its valid_to is none",
        "successions.csv:4:2: succession A -> Q on 2025-07-01: Q does not exist on that day (valid_from 2025-08-01, valid_to none)",
        "successions.csv:5:4: succession S -> P on 2025-07-01: share 1.5 is outside (0, 1]",
        "successions.csv:8:1: succession A -> P on 2025-07-01 listed twice",
        "successions.csv:9:2: succession X -> Y on 2025-07-01: Y does not exist on that day (valid_from none, valid_to 2025-06-30)",
        "successions.csv:10:2: succession Y -> X on 2025-07-01: X does not exist on that day (valid_from none, valid_to 2025-06-30)",
        "successions.csv:5:4: successions of S on 2025-07-01: shares sum to 1.5, not 1",
        "successions.csv:6:4: successions of T on 2025-07-01: shares sum to 0.9, not 1",
        "successions.csv:12:4: successions of U on 2025-07-01: some rows give a share and others do not",
        "successions.csv:9:1: succession cycle: X -> Y -> X",
        "tasks.csv:2:4: task t1: completed 2025-03-01, before its unit P exists (valid_from 2025-07-01)",
        "indicators.csv:2:4: indicator i1: its period ends 2025-03-31, before its unit P exists (valid_from 2025-07-01)",
    });
    CHECK_THROWS_AS(load_model_dir(dir.path), invalid_model);
}

// ---- placement on a map ------------------------------------------------------------------------

namespace {

/// The merger model with tasks: a1's task done in March 2025, b2's two tasks, one on p1.
model merger_with_tasks(bool equal_split = false) {
    std::string successions = merger_successions;
    if (equal_split)
        successions = "from,to,date\nA,P,2025-07-01\nB,P,2025-07-01\na1,p1,2025-07-01\nb2,p1,2025-07-01\nb2,p2,2025-07-01\n";
    temp_dir dir{{"units.csv", merger_units},
                 {"successions.csv", successions},
                 {"tasks.csv",
                  "id,unit,name,due,completed\n"
                  "ta,a1,Portal,2025-04-30,2025-03-15\n"
                  "tb,b2,Training,2025-05-31,2025-06-10\n"
                  "tc,b2,Survey,2025-09-30,\n"
                  "tp,p1,Rollout,2025-12-31,\n"}};
    return load_model_dir(dir.path);
}

unit_id uid(const model& m, const char* key) { return *m.find_unit(key); }

}  // namespace

TEST_CASE("dated.place.merge_split_and_unmapped") {
    auto m = merger_with_tasks();
    unit_map before(m, d("2025-06-30")), after(m, d("2025-12-31"));
    CHECK(before.on_map(uid(m, "a1")));
    CHECK_FALSE(before.on_map(uid(m, "P")));
    CHECK(before.place(uid(m, "p1")) == index(before.unmapped()));
    CHECK(after.place_unit(uid(m, "a1")) == uid(m, "p1"));
    CHECK(after.place_unit(uid(m, "b2")) == uid(m, "p2"));  // the larger share takes the tasks
    CHECK(after.place_unit(uid(m, "A")) == uid(m, "P"));
    CHECK(std::vector<placed_share>(after.shares(uid(m, "b2")).begin(), after.shares(uid(m, "b2")).end()) ==
          std::vector<placed_share>{{uid(m, "p1"), 0.4}, {uid(m, "p2"), 0.6}});

    const date as_of = d("2025-12-31");
    auto was = rollup_units(m, as_of, before);
    auto now = rollup_units(m, as_of, after);
    REQUIRE(was.size() == m.units().size() + 1);
    CHECK(was[index(uid(m, "VN"))].total() == 3);
    CHECK(was[index(uid(m, "B"))].done_late() == 1);
    CHECK(was[index(uid(m, "B"))].overdue() == 1);
    CHECK(was[index(uid(m, "P"))].total() == 0);
    CHECK(was[index(before.unmapped())].total() == 1);
    CHECK(was[index(before.unmapped())].in_progress() == 1);
    CHECK(now[index(uid(m, "P"))].total() == 4);
    CHECK(now[index(uid(m, "p1"))].total() == 2);
    CHECK(now[index(uid(m, "p2"))].total() == 2);
    CHECK(now[index(uid(m, "A"))].total() == 0);
    CHECK(now[index(after.unmapped())].total() == 0);
    CHECK(rollup_units(m, as_of, unit_map(m, as_of)) == now);  // the default map is the as-of date
    CHECK(rollup_units(m, as_of)[index(uid(m, "A"))].total() == 1);  // without a map: by owner, as before
}

TEST_CASE("dated.report.csv_and_json_of_a_map_rollup") {
    auto m = merger_with_tasks();
    const date as_of = d("2025-12-31");
    unit_map before(m, d("2025-06-30"));
    auto rows = rollup_units(m, as_of, before);
    // On the map of 2025-06-30: VN, A, B, a1, b2; tp's owner p1 exists from 2025-07-01: unmapped.
    CHECK(report_rows(m, before) == std::vector<unit_id>{before.unmapped(), uid(m, "VN"), uid(m, "A"), uid(m, "B"),
                                                          uid(m, "a1"), uid(m, "b2")});
    auto text = rollup_csv(m, rows, before);
    CHECK(std::count(text.begin(), text.end(), '\n') == 7);  // header, (unmapped), five units
    CHECK(text.find("\n(unmapped),,,,1,0,0,0,1,0,0,0,") != std::string::npos);
    CHECK(text.find("\nb2,B,Commune b2,commune,2,1,0,1,0,1,0,0.5,0,") != std::string::npos);
    CHECK(text.find("\nP,") == std::string::npos);
    CHECK(text.find("(unmapped)") < text.find("\nVN,"));
    CHECK_THROWS_WITH_AS(rollup_csv(m, std::span<const status_counts>(rows.data(), m.units().size()), before),
                         "rollup_csv: 8 rows for a map of 8 units and the unmapped row", error);

    auto j = io::rollup_to_json(m, rows, as_of, before);
    REQUIRE(j.at("units").size() == 6);
    CHECK(j.at("units")[0].at("unit") == "(unmapped)");
    CHECK(j.at("units")[0].at("total") == 1);
    CHECK(io::rollup_from_json(m, j, before) == rows);
    auto missing = j;
    missing["units"].erase(0);
    CHECK_THROWS_WITH_AS(io::rollup_from_json(m, missing, before), "rollup: (unmapped) missing", parse_error);
    auto off_map = io::rollup_to_json(m, rollup_units(m, as_of, unit_map(m, as_of)), as_of, unit_map(m, as_of));
    CHECK_THROWS_WITH_AS(io::rollup_from_json(m, off_map, before), "rollup: unit P is not on the map of 2025-06-30",
                         parse_error);
}

TEST_CASE("dated.model.an_empty_successions_file_makes_it_dated_and_is_written_back") {
    temp_dir dir{{"units.csv", "id,parent,name\nVN,,Nation\nA,VN,Province A\n"}, {"successions.csv", "from,to,date\n"}};
    auto m = load_model_dir(dir.path);
    CHECK(m.dated());
    CHECK(m.successions().empty());
    temp_dir out;
    write_model_dir(m, out.path);
    CHECK(std::filesystem::exists(out.path / "successions.csv"));
    CHECK(load_model_dir(out.path) == m);
    CHECK(io::read_model_json(io::write_model_json(m)).dated());
    temp_dir plain{{"units.csv", "id,parent,name\nVN,,Nation\n"}};
    CHECK_FALSE(load_model_dir(plain.path).dated());
    CHECK(io::write_model_json(load_model_dir(plain.path)).find("successions") == std::string::npos);
}

TEST_CASE("dated.place.equal_parts_tie_to_the_first_row") {
    auto m = merger_with_tasks(true);
    unit_map map(m, d("2026-01-01"));
    CHECK(map.place_unit(uid(m, "b2")) == uid(m, "p1"));
    CHECK(map.shares(uid(m, "b2"))[0].share == doctest::Approx(0.5));
    CHECK(map.shares(uid(m, "b2"))[1].share == doctest::Approx(0.5));
}

TEST_CASE("dated.place.chains_and_abolished_units") {
    model m;
    auto root = m.add_unit({.key = "R", .name = "Root"});
    auto q = m.add_unit({.key = "Q", .name = "Province", .parent = root});
    auto dist = m.add_unit({.key = "D", .name = "District", .parent = q, .valid_to = d("2025-06-30")});
    auto c = m.add_unit({.key = "c", .name = "Commune c", .parent = dist, .valid_to = d("2025-06-30")});
    auto c2 = m.add_unit({.key = "c2", .name = "Commune c2", .parent = dist, .valid_to = d("2025-06-30")});
    auto q1 = m.add_unit({.key = "q1", .name = "Commune q1", .parent = q, .valid_from = d("2025-07-01")});
    auto x = m.add_unit({.key = "X", .name = "X", .parent = q, .valid_to = d("2024-12-31")});
    auto y = m.add_unit({.key = "Y", .name = "Y", .parent = q, .valid_from = d("2025-01-01"), .valid_to = d("2025-06-30")});
    auto z = m.add_unit({.key = "Z", .name = "Z", .parent = q, .valid_from = d("2025-07-01")});
    m.add_succession({c, q1, d("2025-07-01")});
    m.add_succession({x, y, d("2025-01-01")});
    m.add_succession({y, z, d("2025-07-01")});
    CHECK(unit_map(m, d("2024-06-01")).place_unit(x) == x);
    CHECK(unit_map(m, d("2025-03-01")).place_unit(x) == y);
    CHECK(unit_map(m, d("2025-08-01")).place_unit(x) == z);
    unit_map now(m, d("2025-07-01"));
    CHECK(now.place_unit(c) == q1);
    CHECK(now.place_unit(c2) == q);   // ended without a succession: to its parent D, then D's parent
    CHECK(now.place_unit(dist) == q);
    CHECK(now.tree().parent(q1) == q);
    CHECK(is_none(now.tree().parent(c)));  // detached from the map
    CHECK(now.place(y) == index(z));
}

TEST_CASE("dated.model.refuses_bad_successions_and_dates") {
    model m;
    auto root = m.add_unit({.key = "R", .name = "Root"});
    auto old = m.add_unit({.key = "O", .name = "Old", .parent = root, .valid_to = d("2025-06-30")});
    auto fresh = m.add_unit({.key = "N", .name = "New", .parent = root, .valid_from = d("2025-07-01")});
    CHECK_THROWS_WITH_AS(m.add_unit({.key = "k", .name = "Kid", .parent = old, .valid_to = d("2025-07-31")}),
                         "unit k: parent O does not exist on every day k does (k until 2025-07-31, O only until 2025-06-30)",
                         model_error);
    CHECK_THROWS_WITH_AS(m.add_succession({old, fresh, d("2025-07-01"), 0.5}),
                         "successions of O on 2025-07-01: shares sum to 0.5, not 1", model_error);
    CHECK(m.successions().empty());
    CHECK_THROWS_WITH_AS(m.add_succession({fresh, old, d("2025-07-01")}),
                         "succession N -> O on 2025-07-01: N must end the day before (valid_to 2025-06-30), but its valid_to is none\n"
                         "succession N -> O on 2025-07-01: O does not exist on that day (valid_from none, valid_to 2025-06-30)",
                         model_error);
    auto t = m.add_task({.key = "t", .name = "Task", .unit = fresh});
    CHECK_THROWS_WITH_AS(m.set_completed(t, d("2025-06-01")),
                         "task t: completed 2025-06-01, before its unit N exists (valid_from 2025-07-01)", model_error);
    CHECK_FALSE(m[t].completed);
    m.add_successions(std::vector<succession>{{old, fresh, d("2025-07-01")}});
    CHECK(m.successions().size() == 1);
}

TEST_CASE("dated.model.a_completion_is_checked_against_its_own_units_start") {
    // The setter skips the look at a task's unit for a day no unit starts after: a day between
    // two units' starts must still be checked against the task's own unit, however the units
    // came in (add_unit, or build from files).
    temp_dir dir{{"units.csv", "id,parent,name,valid_from\nR,,Root,\nA,R,Early,2025-01-01\nB,R,Late,2025-07-01\n"},
                 {"tasks.csv", "id,unit,name\nta,A,Of A\ntb,B,Of B\ntr,R,Of R\n"}};
    model added;
    auto root = added.add_unit({.key = "R", .name = "Root"});
    added.add_unit({.key = "A", .name = "Early", .parent = root, .valid_from = d("2025-01-01")});
    added.add_unit({.key = "B", .name = "Late", .parent = root, .valid_from = d("2025-07-01")});
    for (auto [task, unit] : {std::pair{"ta", "A"}, {"tb", "B"}, {"tr", "R"}})
        added.add_task({.key = task, .name = task, .unit = added.find_unit(unit).value()});
    auto check = [](model& m) {
        auto t = [&](const char* k) { return m.find_task(k).value(); };
        CHECK_NOTHROW(m.set_completed(t("ta"), d("2025-03-01")));  // between the starts, after A's
        CHECK_THROWS_WITH_AS(m.set_completed(t("tb"), d("2025-03-01")),
                             "task tb: completed 2025-03-01, before its unit B exists (valid_from 2025-07-01)", model_error);
        CHECK_THROWS_WITH_AS(m.set_completed(t("ta"), d("2024-12-31")),
                             "task ta: completed 2024-12-31, before its unit A exists (valid_from 2025-01-01)", model_error);
        CHECK(m[t("ta")].completed == d("2025-03-01"));  // the refused change left it
        CHECK_NOTHROW(m.set_completed(t("tb"), d("2025-07-01")));
        CHECK_NOTHROW(m.set_completed(t("tr"), d("2020-01-01")));  // R has no start
    };
    check(added);
    auto loaded = load_model_dir(dir.path);
    check(loaded);
}

// ---- random dated models against an oracle ------------------------------------------------------

namespace {

const date change_days[] = {d("2025-01-01"), d("2025-07-01"), d("2026-01-01")};

/// Units in generations: generation g exists from change_days[g-1] to the day before
/// change_days[g] (the first and last unbounded), provinces under the root and communes under a
/// province of their generation; some units never change. A unit that ends passes on to 1-3
/// units of the next generation (explicit shares, equal parts, or none: to its parent).
model random_dated_model(std::uint32_t seed, int tasks, int indicators) {
    std::mt19937 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    model m;
    auto root = m.add_unit({.key = "R", .name = "Root"});
    std::vector<std::vector<unit_id>> provinces(4), communes(4);
    auto bounds = [](std::size_t g) {
        std::pair<std::optional<date>, std::optional<date>> b;
        if (g > 0) b.first = change_days[g - 1];
        if (g < 3) b.second = change_days[g] - boost::gregorian::days(1);
        return b;
    };
    int n = 0;
    auto add = [&](unit_id parent, std::size_t g) {
        auto [from, to] = bounds(g);
        return m.add_unit({.key = "U" + std::to_string(n++), .name = "u", .parent = parent, .valid_from = from, .valid_to = to});
    };
    std::vector<unit_id> forever{root};
    for (int p = 0; p < 2; ++p) {
        auto prov = m.add_unit({.key = "F" + std::to_string(p), .name = "f", .parent = root});
        forever.push_back(prov);
        for (int c = 0; c < 2; ++c) forever.push_back(m.add_unit({.key = "F" + std::to_string(p) + "_" + std::to_string(c), .name = "f", .parent = prov}));
    }
    for (std::size_t g = 0; g < 4; ++g)
        for (int p = pick(1, 3); p > 0; --p) {
            auto prov = add(root, g);
            provinces[g].push_back(prov);
            for (int c = pick(0, 3); c > 0; --c) communes[g].push_back(add(prov, g));
            if (pick(0, 2) == 0) communes[g].push_back(add(forever[1], g));  // under a province that never changes
        }
    for (std::size_t g = 0; g < 3; ++g)
        for (const auto* level : {&provinces, &communes}) {
            const auto& next = (*level)[g + 1];
            for (unit_id u : (*level)[g]) {
                int k = next.empty() ? 0 : pick(0, 3);
                if (k == 0) continue;  // abolished: passes to its parent
                std::vector<succession> ss;
                std::vector<double> w;
                for (int i = 0; i < k; ++i) {
                    ss.push_back({u, next[static_cast<std::size_t>(pick(0, static_cast<int>(next.size()) - 1))], change_days[g]});
                    w.push_back(pick(0, 1) ? 1.0 : static_cast<double>(pick(1, 4)));
                }
                std::sort(ss.begin(), ss.end(), [](auto& a, auto& b) { return index(a.to) < index(b.to); });
                ss.erase(std::unique(ss.begin(), ss.end(), [](auto& a, auto& b) { return a.to == b.to; }), ss.end());
                w.resize(ss.size());
                if (pick(0, 1)) {
                    double sum = 0;
                    for (double x : w) sum += x;
                    for (std::size_t i = 0; i < ss.size(); ++i) ss[i].share = w[i] / sum;
                }
                m.add_successions(ss);
            }
        }
    const auto all = m.units().size();
    for (int t = 0; t < tasks; ++t) {
        auto owner = make_id<unit_id>(static_cast<std::size_t>(pick(0, static_cast<int>(all) - 1)));
        task x{.key = "T" + std::to_string(t), .name = "t", .unit = owner};
        x.due = d("2024-06-01") + boost::gregorian::days(pick(0, 900));
        if (pick(0, 2)) x.completed = d("2024-06-01") + boost::gregorian::days(pick(0, 900));
        if (x.completed && m[owner].valid_from && *x.completed < *m[owner].valid_from) x.completed = m[owner].valid_from;
        x.cancelled = pick(0, 15) == 0;
        x.weight = pick(1, 3);
        m.add_task(x);
    }
    for (int i = 0; i < indicators; ++i) {
        auto owner = make_id<unit_id>(static_cast<std::size_t>(pick(0, static_cast<int>(all) - 1)));
        indicator x{.key = "I" + std::to_string(i), .name = "i", .unit = owner};
        x.actual = pick(0, 10);
        if (pick(0, 1)) x.target = 5;
        m.add_indicator(x);
    }
    return m;
}

// The oracle: DESIGN's words, walked per task, sharing no code with placement.hpp.
struct oracle {
    const model& m;
    date map;

    bool alive(const unit& u) const { return (!u.valid_from || *u.valid_from <= map) && (!u.valid_to || map <= *u.valid_to); }

    /// The unit of the map a task of `owner` counts for, or none (unmapped).
    std::optional<std::size_t> place(std::size_t owner) const {
        for (std::size_t cur = owner;;) {
            const unit& u = m.units()[cur];
            if (alive(u)) return cur;
            if (u.valid_from && map < *u.valid_from) return std::nullopt;
            std::vector<const succession*> rows;
            for (const auto& s : m.successions())
                if (index(s.from) == cur && s.on <= map) rows.push_back(&s);
            if (!rows.empty()) {
                const succession* best = rows.front();
                auto share = [&](const succession* s) { return s->share.value_or(1.0 / static_cast<double>(rows.size())); };
                for (auto* s : rows)
                    if (share(s) > share(best)) best = s;
                cur = index(best->to);
            } else if (!is_none(u.parent)) {
                cur = index(u.parent);
            } else {
                return std::nullopt;
            }
        }
    }

    /// Every unit of the map receiving a part of `owner`'s values, with its part.
    std::map<std::size_t, double> parts(std::size_t owner, double share = 1.0) const {
        std::map<std::size_t, double> out;
        const unit& u = m.units()[owner];
        if (alive(u)) return {{owner, share}};
        if (u.valid_from && map < *u.valid_from) return out;
        std::vector<const succession*> rows;
        for (const auto& s : m.successions())
            if (index(s.from) == owner && s.on <= map) rows.push_back(&s);
        for (auto* s : rows)
            for (auto [w, p] : parts(index(s->to), share * s->share.value_or(1.0 / static_cast<double>(rows.size())))) out[w] += p;
        if (rows.empty() && !is_none(u.parent)) return parts(index(u.parent), share);
        return out;
    }

    bool within(std::size_t ancestor, std::size_t v) const {
        for (auto w = make_id<unit_id>(v); !is_none(w); w = m[w].parent)
            if (index(w) == ancestor) return true;
        return false;
    }

    /// Per unit of the map (others empty), then the unmapped row: total and done as of `as_of`.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> rollup(date as_of) const {
        std::vector<std::pair<std::uint64_t, std::uint64_t>> rows(m.units().size() + 1);
        for (const auto& t : m.tasks()) {
            if (t.cancelled) continue;
            bool done = t.completed && *t.completed <= as_of;
            auto where = place(index(t.unit));
            auto bump = [&](std::size_t r) { rows[r].first += 1, rows[r].second += done; };
            if (!where) bump(m.units().size());
            else
                for (std::size_t u = 0; u < m.units().size(); ++u)
                    if (alive(m.units()[u]) && within(u, *where)) bump(u);
        }
        return rows;
    }
};

std::vector<std::pair<std::uint64_t, std::uint64_t>> totals(const std::vector<status_counts>& rows) {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> out;
    for (const auto& r : rows) out.push_back({r.total(), r.done()});
    return out;
}

bool same_counts(const std::vector<status_counts>& a, const std::vector<status_counts>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].by_status != b[i].by_status || std::abs(a[i].weight - b[i].weight) > 1e-6) return false;
    return true;
}

const date maps[] = {d("2024-06-01"), d("2024-12-31"), d("2025-01-01"), d("2025-06-30"), d("2025-07-01"), d("2026-03-01")};

}  // namespace

TEST_CASE("dated.property.map_rollup_equals_oracle_and_every_strategy_agrees") {
    for (std::uint32_t seed = 1; seed <= 30; ++seed) {
        auto m = random_dated_model(seed, 400, 0);
        INFO("seed " << seed);
        for (date on : maps) {
            unit_map map(m, on);
            oracle o{m, on};
            date as_of = on + boost::gregorian::days(static_cast<int>(seed * 7 % 200)) - boost::gregorian::days(100);
            auto rows = rollup_units(m, as_of, map);
            CHECK(totals(rows) == o.rollup(as_of));
            for (std::size_t u = 0; u < m.units().size(); ++u) {
                auto want = o.place(u);
                CHECK(map.place(make_id<unit_id>(u)) == (want ? *want : m.units().size()));
            }
            CHECK(same_counts(flat_rollup(m, map)(as_of), rows));
            CHECK(same_counts(recursive_rollup(m, map)(as_of), rows));
            CHECK(same_counts(bgl_rollup(m, map)(as_of), rows));
            CHECK(same_counts(parallel_rollup(m, map)(as_of), rows));
        }
    }
}

TEST_CASE("dated.property.indicator_shares_and_counts") {
    for (std::uint32_t seed = 1; seed <= 20; ++seed) {
        auto m = random_dated_model(seed, 0, 60);
        INFO("seed " << seed);
        auto values = aggregate_indicators(m);
        for (date on : maps) {
            unit_map map(m, on);
            oracle o{m, on};
            auto counts = count_indicators(m, values, map);
            std::vector<unit_indicator_counts> want(map.rows());
            for (std::size_t i = 0; i < m.indicators().size(); ++i) {
                const auto& x = m.indicators()[i];
                auto parts = o.parts(index(x.unit));
                auto got = map.shares(x.unit);
                REQUIRE(got.size() == parts.size());
                for (auto s : got) CHECK(s.share == doctest::Approx(parts.at(index(s.unit))));
                if (!x.target) continue;
                std::uint32_t met = values[i].met.value_or(false);
                if (parts.empty()) want.back().own += {1, met}, want.back().subtree += {1, met};
                for (auto [u, p] : parts) want[u].own += {1, met};
                for (std::size_t u = 0; u < m.units().size(); ++u) {
                    bool under = false;
                    for (auto [w, p] : parts) under = under || (o.alive(m.units()[u]) && o.within(u, w));
                    if (under) want[u].subtree += {1, met};
                }
            }
            CHECK(counts == want);
        }
    }
}

TEST_CASE("dated.property.incremental_equals_full_recompute_on_a_map") {
    std::mt19937 rng(5);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    for (std::uint32_t seed = 1; seed <= 10; ++seed) {
        auto m = random_dated_model(seed, 300, 40);
        const date as_of = d("2025-10-01");
        unit_map map(m, d("2026-03-01"));
        incremental_rollup<> inc(m, as_of, map);
        for (int step = 0; step < 200; ++step) {
            auto t = make_id<task_id>(static_cast<std::size_t>(pick(0, static_cast<int>(m.tasks().size()) - 1)));
            auto i = make_id<indicator_id>(static_cast<std::size_t>(pick(0, static_cast<int>(m.indicators().size()) - 1)));
            switch (pick(0, 3)) {
                case 0: inc.set_completed(t, m[t].completed ? std::nullopt : std::optional<date>(d("2026-02-01"))); break;
                case 1: inc.set_cancelled(t, !m[t].cancelled); break;
                case 2: inc.set_due(t, d("2025-01-01") + boost::gregorian::days(pick(0, 500))); break;
                default: inc.set_actual(i, pick(0, 10)); break;
            }
        }
        INFO("seed " << seed);
        CHECK(same_counts(std::vector<status_counts>(inc.units().begin(), inc.units().end()), rollup_units(m, as_of, map)));
        auto values = aggregate_indicators(m);
        auto counts = count_indicators(m, values, map);
        CHECK(std::vector<unit_indicator_counts>(inc.indicator_counts().begin(), inc.indicator_counts().end()) == counts);
        CHECK(inc.lights() == traffic_lights(map.tree(), rollup_units(m, as_of, map), counts));
    }
}

TEST_CASE("dated.property.merged_partials_equal_the_whole") {
    for (std::uint32_t seed = 1; seed <= 15; ++seed) {
        auto m = random_dated_model(seed, 300, 0);
        INFO("seed " << seed);
        for (date on : maps) {
            unit_map map(m, on);
            const date as_of = d("2025-09-15");
            std::vector<partial_rollup> parts;
            for (unit_id p : map.tree().children(*m.find_unit("R"))) parts.push_back(make_partial(m, p, as_of, map));
            CHECK(same_counts(merge_partials(m, as_of, parts, map), rollup_units(m, as_of, map)));
        }
    }
}

TEST_CASE("dated.ranking_and_lights_on_a_map") {
    auto m = merger_with_tasks();
    const date as_of = d("2025-12-31");
    unit_map was(m, d("2025-06-30")), now(m, as_of);
    auto score = [&](const unit_map& map) {
        auto rows = rollup_units(m, as_of, map);
        return [rows](unit_id u) { return rows[index(u)].completion_rate(); };
    };
    auto ranked_was = rank_units(m, was, 1, score(was));
    REQUIRE(ranked_was.size() == 2);
    CHECK(ranked_was[0].unit == uid(m, "A"));  // 1 of 1 done, B 1 of 2
    auto ranked_now = rank_units(m, now, 1, score(now));
    REQUIRE(ranked_now.size() == 1);
    CHECK(ranked_now[0].unit == uid(m, "P"));
    auto lights = traffic_lights(now.tree(), rollup_units(m, as_of, now), {});
    CHECK(lights[index(uid(m, "P"))] == traffic_light::red);  // tc overdue: 1 of 4
}

// ---- the real data -------------------------------------------------------------------------------

TEST_CASE("dated.vn_admin.real_units_across_the_reorganisation") {
    const auto dir = std::filesystem::path(PLANGRAPH_SOURCE_DIR) / "examples" / "data" / "vn-admin-2025";
    auto m = io::load_vn_admin_dated(dir);
    unit_map was(m, d("2025-06-30")), now(m, d("2025-07-01"));
    auto on = [&](const unit_map& map, std::uint16_t level) {
        std::size_t n = 0;
        for (std::size_t u = 0; u < m.units().size(); ++u)
            n += m.units()[u].level == level && map.on_map(make_id<unit_id>(u));
        return n;
    };
    CHECK(on(now, 1) == 34);
    CHECK(on(now, 2) == 3321);
    CHECK(on(was, 1) == 34);
    CHECK(on(was, 2) == 10052);
    CHECK(m.successions().size() == 10604);
    CHECK(now.tree().children(*m.find_unit("40")).size() == 130);  // Nghệ An

    // Phường Ngọc Hà (00016) was split between Ba Đình (00004) and Ngọc Hà (00008): equal parts,
    // its tasks to the first row; Phường Trúc Bạch (00004) went whole into Ba Đình.
    auto ngoc_ha = *m.find_unit("old:00016");
    CHECK(m[ngoc_ha].name == "Phường Ngọc Hà");
    CHECK(m[ngoc_ha].valid_to == d("2025-06-30"));
    CHECK(m[m[ngoc_ha].parent].key == "01");
    CHECK(now.place_unit(ngoc_ha) == *m.find_unit("00004"));
    CHECK(now.shares(ngoc_ha).size() == 2);
    CHECK(now.shares(ngoc_ha)[1].share == doctest::Approx(0.5));
    CHECK(now.place_unit(*m.find_unit("old:00004")) == *m.find_unit("00004"));

    io::vn_admin_options options;
    options.shares = {{{"00016", "00004"}, 0.3}, {{"00016", "00008"}, 0.7}};
    temp_dir additions{{"units.csv",
                        "id,parent,name,level,valid_to\n"
                        "D001,01,Quận Ba Đình,district,2025-06-30\n"
                        "old:00004,D001,Phường Trúc Bạch,commune,2025-06-30\n"}};
    options.additions = additions.path;
    auto hand = io::load_vn_admin_dated(dir, options);
    unit_map hand_now(hand, d("2025-07-01"));
    CHECK(hand_now.place_unit(*hand.find_unit("old:00016")) == *hand.find_unit("00008"));
    CHECK(hand[hand[*hand.find_unit("old:00004")].parent].key == "D001");
    CHECK(hand_now.place_unit(*hand.find_unit("D001")) == *hand.find_unit("01"));  // abolished: to its parent

    auto changes = io::read_vn_admin_changes(dir);
    CHECK(io::value_as_of(changes, "75", "type", "province", d("2026-04-29")) == "province");
    CHECK(io::value_as_of(changes, "75", "type", "province", d("2026-04-30")) == "city");
    CHECK(io::value_as_of(changes, "75", "name", "Tỉnh Đồng Nai", d("2026-05-01")) == "Thành phố Đồng Nai");
}

TEST_CASE("dated.property.a_series_on_a_map_equals_its_single_dates_bit_for_bit") {
    const std::vector<date> dates{d("2024-09-30"), d("2025-03-31"), d("2025-06-30"), d("2025-07-01"), d("2025-12-31")};
    for (std::uint32_t seed = 1; seed <= 15; ++seed) {
        auto m = random_dated_model(seed, 300, 0);
        INFO("seed " << seed);
        for (date on : maps) {
            unit_map map(m, on);
            auto s = rollup_series(m, dates, map);
            for (std::size_t j = 0; j < dates.size(); ++j) CHECK(s.rows[j] == rollup_units(m, dates[j], map));  // bit for bit
        }
    }
}

TEST_CASE("dated.map_change_days.dates_between_two_share_one_map") {
    for (std::uint32_t seed = 1; seed <= 10; ++seed) {
        auto m = random_dated_model(seed, 200, 0);
        INFO("seed " << seed);
        const auto changes = map_change_days(m);
        REQUIRE(!changes.empty());
        CHECK(std::is_sorted(changes.begin(), changes.end()));
        for (std::size_t i = 0; i + 1 < changes.size(); ++i) {
            // The first and the last day of a stretch place every unit alike.
            unit_map first(m, changes[i]), last(m, changes[i + 1] - boost::gregorian::days(1));
            for (std::size_t u = 0; u < m.units().size(); ++u)
                CHECK(first.place(make_id<unit_id>(u)) == last.place(make_id<unit_id>(u)));
        }
    }
    model undated;
    undated.add_unit({.key = "U", .name = "u"});
    CHECK(map_change_days(undated).empty());
}

TEST_CASE("dated.partial.a_root_off_the_map_is_refused") {
    auto m = random_dated_model(3, 50, 0);
    unit_map map(m, d("2025-08-01"));
    CHECK_THROWS_WITH_AS(make_partial(m, map.unmapped(), d("2025-08-01"), map), "the unmapped row has no partial rollup",
                         model_error);
    for (std::size_t u = 0; u < m.units().size(); ++u)
        if (!map.on_map(make_id<unit_id>(u))) {
            CHECK_THROWS_WITH_AS(make_partial(m, make_id<unit_id>(u), d("2025-08-01"), map),
                                 ("unit " + m.units()[u].key + " is not on the map of 2025-08-01").c_str(), model_error);
            break;
        }
}

TEST_CASE("dated.earned_schedule.on_the_map_of_an_undated_model_is_the_plain_engine") {
    model m;
    auto root = m.add_unit({.key = "R", .name = "r"});
    auto a = m.add_unit({.key = "A", .name = "a", .parent = root});
    m.add_task({.key = "T1", .name = "t", .unit = a, .start = d("2025-01-06"), .duration = 10, .completed = d("2025-01-20")});
    m.add_task({.key = "T2", .name = "t", .unit = root, .start = d("2025-01-06"), .duration = 5});
    auto plan = schedule(m);
    auto b = baseline_from(plan, "plan");
    earned_schedule_engine plain(m, b), mapped(m, b, unit_map(m, d("2025-02-01")));
    for (date on : {d("2025-01-10"), d("2025-01-31")}) {
        auto p = plain(on), q = mapped(on);
        REQUIRE(q.size() == p.size() + 1);  // the unmapped row
        for (std::size_t u = 0; u < p.size(); ++u) CHECK(q[u] == p[u]);
    }
}

TEST_CASE("dated.explain.on_a_map_names_the_tasks_placed_there_and_where_they_were_recorded") {
    auto m = merger_with_tasks();
    const date as_of = d("2026-01-15");  // tc (b2, due 2025-09-30) and tp (p1, due 2025-12-31) overdue
    auto tid = [&](const char* key) { return *m.find_task(key); };
    auto lights_on = [&](const unit_map& map) {
        return traffic_lights(map.tree(), rollup_units(m, as_of, map), count_indicators(m, aggregate_indicators(m), map));
    };
    unit_map after(m, d("2025-12-31")), before(m, d("2025-06-30"));
    auto now = lights_on(after);
    auto p = explain(m, after, uid(m, "P"), as_of, now, {});
    CHECK(p.overdue == std::vector<task_id>{tid("tc"), tid("tp")});
    CHECK(p.children == std::vector<unit_id>{uid(m, "p1"), uid(m, "p2")});
    CHECK(p.lines.front() == "task tc 'Survey' of unit b2 (Commune b2) is overdue (due 2025-09-30)");
    auto p1 = explain(m, after, uid(m, "p1"), as_of, now, {});
    CHECK(p1.overdue == std::vector<task_id>{tid("tp")});  // b2's tasks went to p2, its larger share
    auto was = lights_on(before);
    auto unmapped = explain(m, before, before.unmapped(), as_of, was, {});
    CHECK(unmapped.overdue == std::vector<task_id>{tid("tp")});
    CHECK(unmapped.lines == std::vector<std::string>{"task tp 'Rollout' of unit p1 (Commune p1) is overdue (due 2025-12-31)"});
    auto b = explain(m, before, uid(m, "B"), as_of, was, {});
    CHECK(b.overdue == std::vector<task_id>{tid("tc")});
}
