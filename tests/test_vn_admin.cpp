// The real administrative units of Vietnam, read from ../shared (absent from a user's clone:
// those tests say so and pass), and the reader's handling of bad files (always run).
#include <plangraph/generate.hpp>
#include <plangraph/io/vn_admin.hpp>

#include <doctest/doctest.h>

#include "support.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <sys/stat.h>

using namespace plangraph;

namespace {

const std::filesystem::path vn_admin_dir = std::filesystem::path(PLANGRAPH_SHARED_DIR) / "data" / "vn-admin-2025";

std::map<std::string, std::size_t> types_at_depth(const model& m, std::uint32_t depth) {
    auto h = m.unit_hierarchy();
    std::map<std::string, std::size_t> out;
    for (std::size_t u = 0; u < m.units().size(); ++u)
        if (h.depth(make_id<unit_id>(u)) == depth) ++out[*m.data(make_id<unit_id>(u)).find("type")];
    return out;
}

/// A scratch copy of a vn-admin folder with the given file contents.
struct scratch_dir {
    std::filesystem::path path;
    explicit scratch_dir(const std::string& name) : path(std::filesystem::temp_directory_path() / ("plangraph_vn_" + name)) {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~scratch_dir() { std::filesystem::remove_all(path); }
    void write(const char* file, const std::string& text) const { std::ofstream(path / file, std::ios::binary) << text; }
};

const char* const good_provinces = "\xEF\xBB\xBF" "code,name,type,area_km2\r\n01,Thành phố Hà Nội,city,3359.84\r\n40,\"Tỉnh Nghệ An\",province,16493.7\r\n";
const char* const good_communes =
    "code,name,type,province_code,area_km2\r\n00004,\"Phường Ba Đình, Hà Nội\",ward,01,2.97\r\n16681,Xã A,commune,40,100.5\r\n";
const char* const good_changes =
    "code,level,effective,old_type,new_type,old_name,new_name,basis\r\n40,province,2026-04-30,province,city,Tỉnh Nghệ An,Thành phố Nghệ An,x\r\n";

}  // namespace

TEST_CASE("vn_admin.real.counts") {
    if (!std::filesystem::exists(vn_admin_dir)) {
        MESSAGE("skipped: " << vn_admin_dir.string() << " is absent");
        return;
    }
    auto m = io::load_vn_admin(vn_admin_dir);
    auto h = m.unit_hierarchy();
    REQUIRE(h.roots().size() == 1);
    auto vn = h.roots().front();
    CHECK(m[vn].key == "VN");
    CHECK(h.children(vn).size() == 34);
    std::size_t communes = 0;
    for (auto p : h.children(vn)) {
        CHECK(m.level_name(p) == "province");
        communes += h.children(p).size();
        for (auto c : h.children(p)) {
            CHECK(h.is_leaf(c));
            CHECK(m.level_name(c) == "commune");
        }
    }
    CHECK(communes == 3321);
    CHECK(m.units().size() == 1 + 34 + 3321);

    auto nghe_an = m.find_unit("40");
    REQUIRE(nghe_an);
    CHECK(h.children(*nghe_an).size() == 130);
    CHECK(m[*nghe_an].name == "Tỉnh Nghệ An");
    auto ia_mo = m.find_unit("23938");  // SOURCE.md's correction of the 1027 letter
    REQUIRE(ia_mo);
    CHECK(m[*ia_mo].name == "Xã Ia Mơ");
    CHECK(m.find_unit("00004"));  // codes keep their leading zeros

    CHECK(types_at_depth(m, 1) == std::map<std::string, std::size_t>{{"city", 6}, {"province", 28}});
    CHECK(types_at_depth(m, 2) == std::map<std::string, std::size_t>{{"commune", 2621}, {"special_zone", 13}, {"ward", 687}});
    CHECK(m[vn].weight == doctest::Approx(331325.62));  // areas are the weights
}

TEST_CASE("vn_admin.real.as_of_applies_unit_changes") {
    if (!std::filesystem::exists(vn_admin_dir)) {
        MESSAGE("skipped: " << vn_admin_dir.string() << " is absent");
        return;
    }
    auto later = io::load_vn_admin(vn_admin_dir, date(2026, 11, 1));
    CHECK(types_at_depth(later, 1) == std::map<std::string, std::size_t>{{"city", 9}, {"province", 25}});
    CHECK(types_at_depth(later, 2) == std::map<std::string, std::size_t>{{"commune", 2599}, {"special_zone", 13}, {"ward", 709}});
    CHECK(later[*later.find_unit("75")].name == "Thành phố Đồng Nai");
    CHECK(later.units().size() == 1 + 34 + 3321);

    // Between the first change (30 April 2026) and the next (1 September): only Đồng Nai.
    auto may = io::load_vn_admin(vn_admin_dir, date(2026, 5, 1));
    CHECK(types_at_depth(may, 1) == std::map<std::string, std::size_t>{{"city", 7}, {"province", 27}});
    CHECK(*may.data(*may.find_unit("22")).find("type") == "province");
    CHECK(*may.data(*may.find_unit("75")).find("type") == "city");
    auto before = io::load_vn_admin(vn_admin_dir, date(2026, 4, 29));
    CHECK(types_at_depth(before, 1) == std::map<std::string, std::size_t>{{"city", 6}, {"province", 28}});
}

TEST_CASE("vn_admin.real.generator_assigns_plan02_to_every_commune") {
    if (!std::filesystem::exists(vn_admin_dir)) {
        MESSAGE("skipped: " << vn_admin_dir.string() << " is absent");
        return;
    }
    auto m = io::load_vn_admin(vn_admin_dir);
    generate_work(m);
    CHECK(m.tasks().size() == 1100 + 34 * 100 + 3321 * 16);
    std::map<unit_id, std::size_t> per_unit;
    for (const auto& t : m.tasks()) ++per_unit[t.unit];
    auto nghe_an = *m.find_unit("40");
    auto h = m.unit_hierarchy();
    for (auto c : h.children(nghe_an)) CHECK(per_unit[c] == 16);
    CHECK(m.find_plan("KH-40"));
}

TEST_CASE("vn_admin.reader.small_folder_with_quotes_bom_crlf") {
    scratch_dir dir("good");
    dir.write("provinces.csv", good_provinces);
    dir.write("communes.csv", good_communes);
    dir.write("unit_changes.csv", good_changes);
    auto m = io::load_vn_admin(dir.path);
    REQUIRE(m.units().size() == 5);
    CHECK(m[*m.find_unit("00004")].name == "Phường Ba Đình, Hà Nội");
    CHECK(m[*m.find_unit("16681")].parent == *m.find_unit("40"));
    CHECK(m[*m.find_unit("01")].weight == doctest::Approx(3359.84));
    CHECK(m[*m.find_unit("VN")].weight == doctest::Approx(3359.84 + 16493.7));
    CHECK(*m.data(*m.find_unit("40")).find("type") == "province");
    auto later = io::load_vn_admin(dir.path, date(2026, 4, 30));
    CHECK(*later.data(*later.find_unit("40")).find("type") == "city");
    CHECK(later[*later.find_unit("40")].name == "Thành phố Nghệ An");
}

TEST_CASE("vn_admin.reader.bad_files") {
    scratch_dir dir("bad");
    SUBCASE("missing folder") {
        CHECK_THROWS_AS(io::load_vn_admin(dir.path / "nowhere"), parse_error);
    }
    SUBCASE("unknown province code") {
        dir.write("provinces.csv", good_provinces);
        dir.write("communes.csv", "code,name,type,province_code,area_km2\n16681,Xã A,commune,99,1\n");
        auto problems = validate(io::read_vn_admin(dir.path));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].kind == problem_kind::unknown_reference);
        CHECK(problems[0].where.line == 2);
        CHECK(problems[0].where.column == 4);
        CHECK(to_string(problems[0]).find("unknown unit 99") != std::string::npos);
        CHECK_THROWS_AS(io::load_vn_admin(dir.path), invalid_model);
    }
    SUBCASE("missing column, bad area, short row") {
        dir.write("provinces.csv", "code,name,area_km2\n01,Hà Nội,1\n");
        dir.write("communes.csv", "code,name,type,province_code,area_km2\n16681,Xã A,commune,01,big\n16682,Xã B\n");
        auto problems = validate(io::read_vn_admin(dir.path));
        REQUIRE(problems.size() >= 3);
        CHECK(problems[0].kind == problem_kind::missing_column);
        CHECK(problems[0].message == "missing column type");
        CHECK(problems[1].kind == problem_kind::malformed);
        CHECK(problems[1].message == "2 cells where the header has 5");
        CHECK(problems[1].where.line == 3);
        CHECK(problems[2].message == "area_km2 'big' is not a non-negative number");
        CHECK(problems[2].where == location{(dir.path / "communes.csv").string(), 2, 5});
    }
    SUBCASE("a change of an unknown unit or a wrong old type") {
        dir.write("provinces.csv", good_provinces);
        dir.write("communes.csv", good_communes);
        dir.write("unit_changes.csv",
                  "code,level,effective,old_type,new_type,old_name,new_name,basis\n"
                  "77,province,2026-01-01,province,city,,,\n"
                  "01,province,2026-01-01,province,city,,,\n"
                  "40,province,2026-13-01,province,city,,,\n");
        auto d = io::read_vn_admin(dir.path, date(2026, 12, 31));
        REQUIRE(d.problems.size() == 3);
        CHECK(d.problems[0].message == "effective '2026-13-01' is not a date YYYY-MM-DD");
        CHECK(d.problems[1].message == "change of unknown unit 77");
        CHECK(d.problems[1].where.line == 2);
        CHECK(d.problems[2].message == "unit 01 is a city, not a province as the change says");
        // Without an as-of date the changes file is not read at all.
        CHECK(io::read_vn_admin(dir.path).problems.empty());
    }
}

TEST_CASE("vn_admin.reader.the_door") {
    using plangraph::test::temp_dir;
    SUBCASE("invalid UTF-8 is a problem at its line and column, and the model is not built") {
        temp_dir dir({{"provinces.csv", good_provinces},
                      {"communes.csv", "code,name,type,province_code,area_km2\n16681,X\xE3 A,commune,01,1\n"}});
        auto d = io::read_vn_admin(dir.path);
        REQUIRE(d.problems.size() == 1);
        CHECK(to_string(d.problems[0]) == dir.file("communes.csv") + ":2:2: not UTF-8 (byte 0xE3)");
        CHECK(d.problems[0].kind == problem_kind::malformed);
        CHECK(d.units.back().value.name == "X? A");
        CHECK_THROWS_AS(io::load_vn_admin(dir.path), invalid_model);
    }
    SUBCASE("a FIFO in place of a file is refused, not read (it would block)") {
        temp_dir dir({{"provinces.csv", good_provinces}});
        REQUIRE(::mkfifo((dir.path / "communes.csv").c_str(), 0600) == 0);
        CHECK_THROWS_WITH_AS(io::read_vn_admin(dir.path),
                             (dir.file("communes.csv") + ": is a FIFO, not a regular file").c_str(), parse_error);
    }
    SUBCASE("a missing file names itself") {
        temp_dir dir({{"provinces.csv", good_provinces}});
        CHECK_THROWS_WITH_AS(io::read_vn_admin(dir.path), (dir.file("communes.csv") + ": no such file").c_str(),
                             parse_error);
    }
    SUBCASE("an area too large for a double is refused") {
        temp_dir dir({{"provinces.csv", good_provinces},
                      {"communes.csv", "code,name,type,province_code,area_km2\n16681,Xã A,commune,01,1e999\n"}});
        auto d = io::read_vn_admin(dir.path);
        REQUIRE(d.problems.size() == 1);
        CHECK(to_string(d.problems[0]) == dir.file("communes.csv") + ":2:5: area_km2 '1e999' is not a non-negative number");
    }
}
