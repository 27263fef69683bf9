// Every rule of validate.hpp with an input that breaks it, read from CSV so each problem also
// points at its file, line and column; and the model's refused mutations.
#include <plangraph/plangraph.hpp>
#include <plangraph/io/csv.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace plangraph;
namespace fs = std::filesystem;

namespace {

/// A model directory in a fresh temporary directory, removed at the end of the test.
struct model_dir {
    fs::path path;

    model_dir(std::initializer_list<std::pair<std::string, std::string>> files) {
        std::random_device rd;
        path = fs::temp_directory_path() / ("plangraph_validate_" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(path);
        for (const auto& [name, text] : files) std::ofstream(path / name, std::ios::binary) << text;
    }
    ~model_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    model_dir(const model_dir&) = delete;
    model_dir& operator=(const model_dir&) = delete;

    std::string file(const std::string& name) const { return (path / name).string(); }
    std::vector<problem> problems() const { return validate(read_model_dir(path)); }
};

const std::string units_csv = "id,parent,name\nC,,Centre\nP,C,Province\n";

std::vector<std::string> messages(const std::vector<problem>& ps) {
    std::vector<std::string> out;
    for (const auto& p : ps) out.push_back(to_string(p));
    return out;
}

std::vector<problem_kind> kinds(const std::vector<problem>& ps) {
    std::vector<problem_kind> out;
    for (const auto& p : ps) out.push_back(p.kind);
    return out;
}

}  // namespace

TEST_CASE("validate.valid_fixture_has_no_problem") {
    auto d = read_model_dir(fs::path(PLANGRAPH_SOURCE_DIR) / "tests" / "data" / "valid");
    CHECK(messages(validate(d)).empty());
    CHECK_NOTHROW((void)build(d));
}

TEST_CASE("validate.duplicate_ids.in_each_file") {
    model_dir dir({{"units.csv", "id,parent,name\nC,,Centre\nC,,Again\n"},
                   {"plans.csv", "name,id,unit\nPlan,K,C\nPlan again,K,C\n"},
                   {"tasks.csv", "id,unit,name\nT,C,Task\nU,C,Other\nT,C,Task again\n"},
                   {"indicators.csv", "id,unit,name\nI,C,Ind\nI,C,Ind again\n"},
                   {"calendar.csv", "working,date\nfalse,2025-09-02\ntrue,2025-09-02\n"}});
    auto ps = dir.problems();
    CHECK(messages(ps) == std::vector<std::string>{
                              dir.file("units.csv") + ":3:1: duplicate unit id C (first on line 2)",
                              dir.file("plans.csv") + ":3:2: duplicate plan id K (first on line 2)",
                              dir.file("tasks.csv") + ":4:1: duplicate task id T (first on line 2)",
                              dir.file("indicators.csv") + ":3:1: duplicate indicator id I (first on line 2)",
                              dir.file("calendar.csv") + ":3:2: calendar date 2025-09-02 listed twice (first on line 2)",
                          });
    for (const auto& p : ps) CHECK(p.kind == problem_kind::duplicate_id);
    CHECK(ps[2].ids == std::vector<std::string>{"T"});
}

TEST_CASE("validate.unknown_references.of_every_kind") {
    model_dir dir({{"units.csv", "id,parent,name\nC,,Centre\nP,X,Province\n"},
                   {"plans.csv", "id,unit,name,parent\nK,C,Plan,\nL,Y,Plan L,NOPLAN\n"},
                   {"tasks.csv", "id,unit,name,plan,parent\nT,C,Task,K,\nU,Z,Other,NOPLAN,NOTASK\nV,,No unit,,\n"},
                   {"links.csv", "from,to\nT,GHOST\nSPOOK,T\n"},
                   {"indicators.csv", "id,unit,name,plan,parent\nI,Q,Ind,NOPLAN,NOIND\n"}});
    auto ps = dir.problems();
    auto u = dir.file("units.csv"), p = dir.file("plans.csv"), t = dir.file("tasks.csv");
    auto l = dir.file("links.csv"), i = dir.file("indicators.csv");
    CHECK(messages(ps) == std::vector<std::string>{
                              u + ":3:2: unit P: unknown unit X in column parent",
                              p + ":3:2: plan L: unknown unit Y in column unit",
                              p + ":3:4: plan L: unknown plan NOPLAN in column parent",
                              t + ":3:2: task U: unknown unit Z in column unit",
                              t + ":3:4: task U: unknown plan NOPLAN in column plan",
                              t + ":3:5: task U: unknown task NOTASK in column parent",
                              t + ":4:2: task V: no unit given",
                              l + ":2:2: link T -> GHOST: unknown task GHOST in column to",
                              l + ":3:1: link SPOOK -> T: unknown task SPOOK in column from",
                              i + ":2:2: indicator I: unknown unit Q in column unit",
                              i + ":2:4: indicator I: unknown plan NOPLAN in column plan",
                              i + ":2:5: indicator I: unknown indicator NOIND in column parent",
                          });
    for (const auto& pr : ps) CHECK(pr.kind == problem_kind::unknown_reference);
    CHECK(ps[0].ids == std::vector<std::string>{"X"});
}

TEST_CASE("validate.cycles.named_element_by_element") {
    SUBCASE("unit hierarchy") {
        model_dir dir({{"units.csv", "id,parent,name\nA,B,a\nB,C,b\nC,A,c\nR,,root\n"}});
        auto ps = dir.problems();
        REQUIRE(ps.size() == 1);
        CHECK(ps[0].kind == problem_kind::cycle);
        CHECK(ps[0].message == "unit hierarchy cycle: A -> B -> C -> A");
        CHECK(ps[0].ids == std::vector<std::string>{"A", "B", "C"});
        CHECK(ps[0].where == location{dir.file("units.csv"), 2, 2});
    }
    SUBCASE("plan cascade") {
        model_dir dir({{"units.csv", units_csv}, {"plans.csv", "id,unit,name,parent\nK1,C,one,K2\nK2,C,two,K1\n"}});
        auto ps = dir.problems();
        REQUIRE(ps.size() == 1);
        CHECK(ps[0].message == "plan cascade cycle: K1 -> K2 -> K1");
    }
    SUBCASE("task decomposition") {
        model_dir dir({{"units.csv", units_csv}, {"tasks.csv", "id,unit,name,parent\nT1,C,one,T3\nT2,C,two,T1\nT3,C,three,T2\n"}});
        auto ps = dir.problems();
        REQUIRE(ps.size() == 1);
        CHECK(ps[0].message == "task decomposition cycle: T1 -> T3 -> T2 -> T1");
        CHECK(ps[0].ids == std::vector<std::string>{"T1", "T3", "T2"});
    }
    SUBCASE("indicator hierarchy") {
        model_dir dir({{"units.csv", units_csv}, {"indicators.csv", "id,unit,name,parent\nI,C,self,I\n"}});
        auto ps = dir.problems();
        REQUIRE(ps.size() == 1);
        CHECK(ps[0].message == "indicator hierarchy cycle: I -> I");
    }
    SUBCASE("dependencies") {
        model_dir dir({{"units.csv", units_csv},
                       {"tasks.csv", "id,unit,name\nA,C,a\nB,C,b\nC,C,c\nD,C,d\n"},
                       {"links.csv", "from,to\nA,B\nB,C\nC,A\nC,D\n"}});
        auto ps = dir.problems();
        REQUIRE(ps.size() == 1);
        CHECK(ps[0].kind == problem_kind::cycle);
        CHECK(to_string(ps[0]) == dir.file("links.csv") + ":4: dependency cycle: A -> B -> C -> A");
        CHECK(ps[0].ids == std::vector<std::string>{"A", "B", "C"});
    }
    SUBCASE("two separate dependency cycles are both reported") {
        model_dir dir({{"units.csv", units_csv},
                       {"tasks.csv", "id,unit,name\nA,C,a\nB,C,b\nX,C,x\nY,C,y\n"},
                       {"links.csv", "from,to\nA,B\nB,A\nX,Y\nY,X\n"}});
        auto m = messages(dir.problems());
        REQUIRE(m.size() == 2);
        CHECK(m[0].ends_with("dependency cycle: A -> B -> A"));
        CHECK(m[1].ends_with("dependency cycle: X -> Y -> X"));
    }
}

TEST_CASE("validate.task_values") {
    model_dir dir({{"units.csv", units_csv},
                   {"tasks.csv", "id,unit,name,start,due,duration,percent,weight,constraint,constraint_date\n"
                                 "DUE,C,due before start,2025-03-10,2025-03-01,,,,,\n"
                                 "NEG,C,negative duration,,,-3,,,,\n"
                                 "HIGH,C,percent too high,,,,150,,,\n"
                                 "LOW,C,percent too low,,,,-1,,,\n"
                                 "NAN,C,not a number,,,,nan,,,\n"
                                 "INF,C,infinite weight,,,,,inf,,\n"
                                 "LIGHT,C,negative weight,,,,,-0.5,,\n"
                                 "CON,C,constraint without date,,,,,,MSO,\n"
                                 "OK,C,fine,2025-03-01,2025-03-01,0,100,0,ALAP,\n"}});
    auto ps = dir.problems();
    auto t = dir.file("tasks.csv");
    CHECK(messages(ps) == std::vector<std::string>{
                              t + ":2:5: task DUE: due 2025-03-01 is before start 2025-03-10",
                              t + ":3:6: task NEG: duration -3 is negative",
                              t + ":4:7: task HIGH: percent 150 is outside 0-100",
                              t + ":5:7: task LOW: percent -1 is outside 0-100",
                              t + ":6:7: task NAN: percent is not a finite number",
                              t + ":7:8: task INF: weight is not a finite number (inf)",
                              t + ":8:8: task LIGHT: weight is negative (-0.5)",
                              t + ":9:9: task CON: constraint MSO needs a date",
                          });
    CHECK(kinds(ps) == std::vector<problem_kind>{problem_kind::due_before_start, problem_kind::negative_duration,
                                                 problem_kind::percent_out_of_range, problem_kind::percent_out_of_range,
                                                 problem_kind::not_finite, problem_kind::not_finite,
                                                 problem_kind::invalid_value, problem_kind::invalid_value});
}

TEST_CASE("validate.unit_and_indicator_values") {
    model_dir dir({{"units.csv", "id,parent,name,weight\nC,,Centre,-1\nP,C,Province,NaN\n,C,No id,\n"},
                   {"indicators.csv", "id,unit,name,target,actual,numerator,denominator,weight\n"
                                      "I1,C,a,nan,,,,\nI2,C,b,,-inf,,,\nI3,C,c,,,inf,1,-2\nI4,C,d,1,2,3,4,1\n"}});
    auto ps = dir.problems();
    auto u = dir.file("units.csv"), i = dir.file("indicators.csv");
    CHECK(messages(ps) == std::vector<std::string>{
                              u + ":2:4: unit C: weight is negative (-1)",
                              u + ":3:4: unit P: weight is not a finite number (NaN)",
                              u + ":4:1: unit without an id",
                              i + ":2:4: indicator I1: target is not a finite number (NaN)",
                              i + ":3:5: indicator I2: actual is not a finite number (-inf)",
                              i + ":4:6: indicator I3: numerator is not a finite number (inf)",
                              i + ":4:8: indicator I3: weight is negative (-2)",
                          });
    CHECK(ps[1].kind == problem_kind::not_finite);
    CHECK(ps[2].kind == problem_kind::invalid_value);
}

TEST_CASE("validate.build_throws_every_problem_and_builds_nothing_else") {
    model_dir dir({{"units.csv", units_csv},
                   {"tasks.csv", "id,unit,name,percent\nA,C,a,120\nB,Q,b,\n"},
                   {"links.csv", "from,to\nA,A\n"}});
    auto d = read_model_dir(dir.path);
    try {
        (void)build(d);
        FAIL("build accepted a bad draft");
    } catch (const invalid_model& e) {
        CHECK(e.problems() == validate(d));
        CHECK(kinds(e.problems()) == std::vector<problem_kind>{problem_kind::percent_out_of_range,
                                                               problem_kind::unknown_reference, problem_kind::cycle});
        CHECK(e.problems().back().message == "dependency cycle: A -> A");
    }
}

TEST_CASE("model.add_task.unknown_unit_is_refused") {
    model m;
    auto c = m.add_unit({.key = "C", .name = "Centre"});
    m.add_task({.key = "A", .unit = c});
    const model before = m;
    CHECK_THROWS_WITH_AS(m.add_task({.key = "B", .unit = unit_id{42}}), "task B: unknown unit #42", model_error);
    CHECK_THROWS_WITH_AS(m.add_task({.key = "A", .unit = c}), "duplicate task id A", model_error);
    CHECK_THROWS_WITH_AS(m.add_task({.key = "B", .unit = c, .parent = task_id{5}}), "task B: unknown parent task #5",
                         model_error);
    CHECK(m == before);
    CHECK_FALSE(m.find_task("B"));
}

TEST_CASE("model.add_link.closing_a_cycle_names_it_and_changes_nothing") {
    model m;
    auto c = m.add_unit({.key = "C", .name = "Centre"});
    auto a = m.add_task({.key = "A", .unit = c, .duration = 1});
    auto b = m.add_task({.key = "B", .unit = c, .duration = 1});
    auto k = m.add_task({.key = "K", .unit = c, .duration = 1});
    m.add_link({.from = a, .to = b});
    m.add_link({.from = b, .to = k});
    const model before = m;
    try {
        m.add_link({.from = k, .to = a, .type = link_type::start_to_start});
        FAIL("add_link accepted a cycle");
    } catch (const cycle_error& e) {
        auto cycle = e.cycle();
        REQUIRE(cycle.size() == 3);
        // The cycle may start anywhere, but it runs along the links: A -> B -> K -> A.
        std::rotate(cycle.begin(), std::find(cycle.begin(), cycle.end(), "A"), cycle.end());
        CHECK(cycle == std::vector<std::string>{"A", "B", "K"});
        CHECK(std::string(e.what()).starts_with("dependency cycle: "));
    }
    CHECK(m == before);
    CHECK(m.links().size() == 2);
}

TEST_CASE("model.set_percent.out_of_range_is_refused") {
    model m;
    auto c = m.add_unit({.key = "C", .name = "Centre"});
    auto a = m.add_task({.key = "A", .unit = c, .percent = 30});
    const model before = m;
    CHECK_THROWS_WITH_AS(m.set_percent(a, 150), "task A: percent 150 is outside 0-100", model_error);
    CHECK_THROWS_AS(m.set_percent(a, -5), model_error);
    CHECK_THROWS_WITH_AS(m.set_weight(a, -1), "task A: weight is negative (-1)", model_error);
    CHECK(m == before);
    CHECK(m[a].percent == 30);
    m.set_percent(a, 100);
    CHECK(m[a].percent == 100);
}

// ---- bounds at the door (limits.hpp) -------------------------------------------------------------

TEST_CASE("validate.bounds.every_number_and_date_past_its_limit_is_refused_with_its_place") {
    // The reproducers' values (D02 lags, D07 dates and durations, D10 weights and percent) beside
    // the limits themselves, which are accepted.
    model_dir dir({{"units.csv", "id,parent,name,level,weight\nC,,Centre,,\nA,C,a,70000,\nB,C,b,4294967295,\n"
                                 "W,C,w,,1e10\nX,C,x,99999999999,\n"},
                   {"tasks.csv", "id,unit,name,start,due,duration,completed,percent,weight,constraint,constraint_date\n"
                                 "DUR,C,d,2025-01-06,,3000000,,,,,\n"
                                 "MAXD,C,d,2025-01-06,,100000,,,,,\n"
                                 "DUE,C,d,2025-01-06,9999-12-31,5,,,,,\n"
                                 "OLD,C,d,1400-01-01,,5,,,,,\n"
                                 "DONE,C,d,,,,2300-01-01,,,,\n"
                                 "CON,C,d,,,,,,,SNET,1899-12-31\n"
                                 "HEAVY,C,d,,,,,,1e308,,\n"
                                 "PCT,C,d,,,,,1e308,,,\n"
                                 "EDGE,C,d,1900-01-01,2199-12-31,,,,1000000000,,\n"},
                   {"links.csv", "from,to,type,lag\nMAXD,EDGE,FS,2147483647\nEDGE,PCT,SS,-2147483648\n"
                                 "DUR,OLD,FS,-100000\nOLD,DUE,FF,100001\n"},
                   {"indicators.csv", "id,unit,name,target,actual,numerator,denominator,weight\n"
                                      "I1,C,a,1e20,-1e16,,,\nI2,C,b,,,1e15,-1e15,1e9\nI3,C,c,,,,,2e9\n"},
                   {"calendar.csv", "date,working\n1400-01-01,false\n2025-01-01,false\n2200-01-01,true\n"}});
    auto ps = dir.problems();
    auto u = dir.file("units.csv"), t = dir.file("tasks.csv"), l = dir.file("links.csv"),
         i = dir.file("indicators.csv"), c = dir.file("calendar.csv");
    const std::string years = " is outside 1900-01-01..2199-12-31";
    // Calendar dates are refused at the door by the CSV reader, before validation sees the rows.
    CHECK(messages(ps) == std::vector<std::string>{
                              c + ":2:1: date '1400-01-01' in column date is out of range (1900-01-01..2199-12-31)",
                              c + ":4:1: date '2200-01-01' in column date is out of range (1900-01-01..2199-12-31)",
                              u + ":4:4: unit B: level 4294967295 is outside 0..4294967294",
                              u + ":5:5: unit W: weight 10000000000 is outside 0..1000000000",
                              u + ":6:4: unit X: level 99999999999 is outside 0..4294967294",
                              t + ":2:6: task DUR: duration 3000000 is outside 0..100000",
                              t + ":4:5: task DUE: due 9999-12-31" + years,
                              t + ":5:4: task OLD: start 1400-01-01" + years,
                              t + ":6:7: task DONE: completed 2300-01-01" + years,
                              t + ":7:11: task CON: constraint_date 1899-12-31" + years,
                              t + ":8:9: task HEAVY: weight 1e+308 is outside 0..1000000000",
                              t + ":9:8: task PCT: percent 1e+308 is outside 0-100",
                              l + ":2:4: link MAXD -> EDGE: lag 2147483647 is outside -100000..100000",
                              l + ":3:4: link EDGE -> PCT: lag -2147483648 is outside -100000..100000",
                              l + ":5:4: link OLD -> DUE: lag 100001 is outside -100000..100000",
                              i + ":2:4: indicator I1: target 1e+20 is outside -1e+15..1e+15",
                              i + ":2:5: indicator I1: actual -1e+16 is outside -1e+15..1e+15",
                              i + ":4:8: indicator I3: weight 2000000000 is outside 0..1000000000",
                          });
    for (const auto& p : ps)
        CHECK(p.kind == (p.message.find("percent") != std::string::npos ? problem_kind::percent_out_of_range
                                                                         : problem_kind::out_of_range));
    CHECK(ps[12].ids == std::vector<std::string>{"MAXD", "EDGE"});
    CHECK(std::string(to_string(problem_kind::out_of_range)) == "out of range");
    CHECK_THROWS_AS((void)build(read_model_dir(dir.path)), invalid_model);
}

TEST_CASE("validate.levels.a_level_past_16_bits_stays_what_it_says") {
    // D10 level-wrap: 70000 read as "level 4464", and 65535 as "by depth".
    model_dir dir({{"units.csv", "id,parent,name,level\nA,,a,70000\nB,A,b,65535\n"}});
    auto m = build(read_model_dir(dir.path));
    CHECK(m[*m.find_unit("A")].level == 70000);
    CHECK(m.level_name(*m.find_unit("A")) == "level 70000");
    CHECK(m.level_name(*m.find_unit("B")) == "level 65535");

    // A hierarchy deeper than 65,535 levels: the deepest unit's level is its depth.
    model_draft d;
    const std::uint32_t n = 70'000;
    for (std::uint32_t k = 0; k < n; ++k)
        d.units.push_back({.value = {.key = "U" + std::to_string(k)}, .parent = k ? "U" + std::to_string(k - 1) : ""});
    auto deep = build(d);
    CHECK(deep.units().back().level == n - 1);
    CHECK(deep.level_name(*deep.find_unit("U69999")) == "level 69999");
}

TEST_CASE("validate.cycles.through_a_summary_name_the_summary") {
    // D10 summary-cycle: a sub-task waits on its own summary; the cycle is C -> C, through P.
    model_dir dir({{"units.csv", "id,parent,name\nA,,Root\n"},
                   {"tasks.csv", "id,unit,name,parent,start,duration\nP,A,p,,2025-01-06,0\nC,A,c,P,,2\n"},
                   {"links.csv", "from,to\nC,P\n"}});
    const std::string why = "dependency cycle: C -> C (through summary tasks: P; a link into a summary binds its "
                            "sub-tasks, and a summary finishes with them)";
    auto ps = dir.problems();
    REQUIRE(ps.size() == 1);
    CHECK(to_string(ps[0]) == dir.file("links.csv") + ":2: " + why);

    model m;
    auto a = m.add_unit({.key = "A"});
    auto p = m.add_task({.key = "P", .unit = a});
    auto c = m.add_task({.key = "C", .unit = a, .parent = p, .duration = 2});
    const model before = m;
    CHECK_THROWS_WITH_AS(m.add_link({.from = c, .to = p}), why.c_str(), cycle_error);
    CHECK(m == before);
}

TEST_CASE("validate.bounds.weights_at_their_limit_roll_up_finitely") {
    // D10 weight-overflow's shape: 1e308 is refused at the door; at the limit the sum stays finite.
    model_dir dir({{"units.csv", "id,parent,name\nA,,Root\n"},
                   {"tasks.csv", "id,unit,name,start,due,duration,completed,weight\n"
                                 "T1,A,x,2025-01-06,2025-02-01,5,2025-01-20,1e9\n"
                                 "T2,A,y,2025-01-06,2025-02-01,5,,1e9\n"}});
    auto m = build(read_model_dir(dir.path));
    auto rows = rollup_units(m, date(2025, 3, 1));
    REQUIRE(rows[0].weighted_completion());
    CHECK(*rows[0].weighted_completion() == 0.5);
    CHECK(rows[0].weight == 2e9);
}
