package searchtest

import (
	_ "embed"
	"strings"
	"time"

	"github.com/dra-archive/dra/search"
)

// SeedID is the ID of the seed article (shared/seed/thanhtri-2020-03-18.txt).
const SeedID = "thanhtri-2020-03-18-nang-cao-nang-luc-lanh-dao"

// IDs of the other fixture articles, named for what they test.
const (
	idDayStart    = "thanhtri-2020-03-18-ve-sinh-moi-truong"      // published at 2020-03-18T00:00+07:00 exactly
	idDayBefore   = "thanhtri-2020-03-17-huy-hieu-dang"           // published at 2020-03-17T23:59:59+07:00
	idCodes       = "sontay-2020-03-19-chuong-trinh-01-ctr-tu"    // 01-CTr/TU and 09-ĐA/HU, not 09-NQ/TU
	idMua         = "sontay-2019-06-07-hoi-dien-mua-roi-nuoc"     // múa
	idDecision    = "thuongtin-2021-09-10-quyet-dinh-123-qd-ubnd" // 123/QĐ-UBND, two authors
	idUndated     = "thuongtin-so-hoa-ho-so"                      // no publish date; 30/2020/NĐ-CP in the body only
	idFoldedOnly  = "phuxuyen-2021-01-15-cham-soc-cay-vu-dong"    // nắng, lúc, lạnh, đào: "nang luc lanh dao" folded only
	idNewTone     = "phuxuyen-2022-01-05-huyen-uy-trien-khai"     // "Huyện uỷ" (new tone placement)
	idHoaOldTone  = "quocoai-2020-03-05-tan-hoa"                  // "Tân Hoà" (old tone placement)
	idHoaAcute    = "quocoai-2020-03-05-tan-hoa-sac"              // "Tân Hóa": same text, other diacritics
	idOtherRegion = "cuchi-2012-03-14-truong-mam-non"             // Hồ Chí Minh, not Hà Nội
)

//go:embed testdata/thanhtri-2020-03-18.txt
var seedText string

// ict is Vietnam's time zone (Asia/Ho_Chi_Minh has been UTC+7 since 1975),
// fixed so the fixture does not depend on the tz database.
var ict = time.FixedZone("ICT", 7*60*60)

func at(year int, month time.Month, day, hour, min, sec int) *time.Time {
	t := time.Date(year, month, day, hour, min, sec, 0, ict)
	return &t
}

func intp(i int) *int { return &i }

func fp(f float64) *float64 { return &f }

// seedArticle builds the seed article from the embedded page text: the
// category line, the title, the date line, then the body; the last line is
// the byline.
func seedArticle() search.Article {
	lines := strings.Split(strings.ReplaceAll(seedText, "\r\n", "\n"), "\n")
	dateLine := -1
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "Ngày đăng") {
			dateLine = i
			break
		}
	}
	if dateLine < 0 {
		panic("searchtest: seed text has no date line")
	}
	rest := lines[dateLine+1:]
	last := len(rest) - 1
	for last >= 0 && strings.TrimSpace(rest[last]) == "" {
		last--
	}
	if last < 0 {
		panic("searchtest: seed text has no body")
	}
	byline := strings.TrimSpace(rest[last])
	body := strings.TrimSpace(strings.Join(rest[:last], "\n"))
	fetched := time.Date(2024, 5, 2, 3, 4, 5, 123456789, time.UTC)
	return search.Article{
		ID:          SeedID,
		Version:     fetched.UnixNano(),
		URL:         "https://thanhtri.hanoi.gov.vn/dang-doan-the/-/view_content/2561-nang-cao-nang-luc-lanh-dao-va-suc-chien-dau-cua-dang-bo-huyen-thanh-tri.html",
		SourceID:    "thanhtri",
		District:    "Thanh Trì",
		Province:    "Hà Nội",
		Category:    "Đảng, đoàn thể",
		Title:       "Nâng cao năng lực lãnh đạo và sức chiến đấu của Đảng bộ huyện Thanh Trì",
		Body:        body,
		Byline:      byline,
		Authors:     []string{"Hoàng Thị Thu Thủy"},
		Documents:   []string{"01-CTr/HU", "09-NQ/TU", "09-ĐA/HU"},
		PublishedAt: at(2020, 3, 18, 10, 53, 0),
		FetchedAt:   fetched,
		Views:       intp(1759),
		Metrics: []search.Metric{{Key: "party.new_members", Kind: "count", Unit: "đảng viên", Value: 1599,
			Target: fp(1000), PlanPercent: fp(159.9), Text: "kết nạp 1.599/1000 đảng viên mới, đạt 159,9% kế hoạch"}},
		Record: []byte(`{"schema_version":"1.0","article_id":"` + SeedID + `","metrics":[{"name":"party_members_admitted","value":1599}]}`),
	}
}

// Fixtures returns the seed article and a dozen small hand-written articles
// from other districts, categories and dates, each there to test something
// (see the id constants). Every call returns fresh values.
func Fixtures() []search.Article {
	fetched := time.Date(2024, 5, 3, 8, 0, 0, 0, time.UTC)
	v := fetched.UnixNano()
	return []search.Article{
		seedArticle(),
		{
			ID: idDayStart, Version: v, FetchedAt: fetched,
			URL:      "https://thanhtri.hanoi.gov.vn/kinh-te/-/view_content/2562-thanh-tri-ra-quan-ve-sinh-moi-truong.html",
			SourceID: "thanhtri", District: "Thanh Trì", Province: "Hà Nội", Category: "Kinh tế",
			Title:       "Thanh Trì ra quân vệ sinh môi trường đầu năm",
			Body:        "Sáng 18/3, các xã, thị trấn trên địa bàn huyện đồng loạt ra quân vệ sinh môi trường, thu gom 120 tấn rác thải.",
			PublishedAt: at(2020, 3, 18, 0, 0, 0),
		},
		{
			ID: idDayBefore, Version: v, FetchedAt: fetched,
			URL:      "https://thanhtri.hanoi.gov.vn/dang-doan-the/-/view_content/2560-trao-huy-hieu-dang.html",
			SourceID: "thanhtri", District: "Thanh Trì", Province: "Hà Nội", Category: "Văn hóa - Xã hội",
			Title:       "Trao tặng Huy hiệu Đảng cho đảng viên lão thành",
			Body:        "Huyện ủy Thanh Trì trao Huy hiệu 50 năm tuổi Đảng cho 25 đảng viên lão thành.",
			PublishedAt: at(2020, 3, 17, 23, 59, 59),
		},
		{
			ID: idCodes, Version: v, FetchedAt: fetched,
			URL:      "https://sontay.hanoi.gov.vn/dang-doan-the/-/view_content/811-so-ket-chuong-trinh-01-ctr-tu.html",
			SourceID: "sontay", District: "Sơn Tây", Province: "Hà Nội", Category: "Đảng, đoàn thể",
			Title:       "Thị ủy Sơn Tây sơ kết Chương trình 01-CTr/TU",
			Body:        "Thị ủy Sơn Tây sơ kết 2 năm thực hiện Chương trình 01-CTr/TU về công tác cán bộ và Đề án 09-ĐA/HU về đào tạo, bồi dưỡng cán bộ.",
			Byline:      "Thanh Khánh/Trung tâm TT-VH-TT thị xã Sơn Tây",
			Authors:     []string{"Thanh Khánh"},
			Documents:   []string{"01-CTr/TU", "09-ĐA/HU"},
			PublishedAt: at(2020, 3, 19, 0, 0, 0),
		},
		{
			ID: idMua, Version: v, FetchedAt: fetched,
			URL:      "https://sontay.hanoi.gov.vn/van-hoa-xa-hoi/-/view_content/640-hoi-dien-mua-roi-nuoc.html",
			SourceID: "sontay", District: "Sơn Tây", Province: "Hà Nội", Category: "Văn hóa - Xã hội",
			Title:       "Hội diễn múa rối nước thị xã Sơn Tây",
			Body:        "Hội diễn múa rối nước thu hút 12 phường, xã tham gia với 36 tiết mục đặc sắc.",
			PublishedAt: at(2019, 6, 7, 8, 40, 0),
			Views:       intp(2045),
		},
		{
			ID: idDecision, Version: v, FetchedAt: fetched,
			URL:      "https://thuongtin.hanoi.gov.vn/chinh-quyen/-/view_content/1203-quyet-dinh-123-qd-ubnd.html",
			SourceID: "thuongtin", District: "Thường Tín", Province: "Hà Nội", Category: "Chính quyền",
			Title:       "UBND huyện Thường Tín ban hành Quyết định 123/QĐ-UBND",
			Body:        "Ngày 10/9/2021, UBND huyện Thường Tín ban hành Quyết định số 123/QĐ-UBND về kiện toàn Ban chỉ đạo phòng, chống dịch.",
			Byline:      "Minh Anh – Thu Hà",
			Authors:     []string{"Minh Anh", "Thu Hà"},
			Documents:   []string{"123/QĐ-UBND"},
			PublishedAt: at(2021, 9, 10, 15, 0, 0),
		},
		{
			ID: idUndated, Version: v, FetchedAt: fetched,
			URL:      "https://thuongtin.hanoi.gov.vn/kinh-te/-/view_content/1190-so-hoa-ho-so.html",
			SourceID: "thuongtin", District: "Thường Tín", Province: "Hà Nội", Category: "Kinh tế",
			Title: "Thường Tín số hóa hồ sơ lưu trữ",
			Body:  "Thực hiện Nghị định 30/2020/NĐ-CP về công tác văn thư, huyện Thường Tín đã số hóa 5.000 hồ sơ lưu trữ.",
		},
		{
			ID: idFoldedOnly, Version: v, FetchedAt: fetched,
			URL:      "https://phuxuyen.hanoi.gov.vn/kinh-te/-/view_content/455-cham-soc-cay-vu-dong.html",
			SourceID: "phuxuyen", District: "Phú Xuyên", Province: "Hà Nội", Category: "Kinh tế",
			Title:       "Phú Xuyên chăm sóc cây vụ đông",
			Body:        "Thời tiết lúc nắng lúc lạnh, bà con nông dân xã Nam Phong trồng đào và rau màu cần chú ý chăm sóc cây.",
			PublishedAt: at(2021, 1, 15, 9, 0, 0),
		},
		{
			ID: idNewTone, Version: v, FetchedAt: fetched,
			URL:      "https://phuxuyen.hanoi.gov.vn/dang-doan-the/-/view_content/470-huyen-uy-trien-khai-nhiem-vu.html",
			SourceID: "phuxuyen", District: "Phú Xuyên", Province: "Hà Nội", Category: "Đảng, đoàn thể",
			Title:       "Huyện uỷ Phú Xuyên triển khai nhiệm vụ năm 2022",
			Body:        "Huyện uỷ Phú Xuyên tổ chức hội nghị triển khai nhiệm vụ công tác xây dựng Đảng năm 2022.",
			Byline:      "Quốc Sự - Uỷ viên UBKT Huyện uỷ",
			Authors:     []string{"Quốc Sự"},
			PublishedAt: at(2022, 1, 5, 8, 0, 0),
		},
		{
			ID: idHoaOldTone, Version: v, FetchedAt: fetched,
			URL:      "https://quocoai.hanoi.gov.vn/kinh-te/-/view_content/301-tan-hoa-lam-duong.html",
			SourceID: "quocoai", District: "Quốc Oai", Province: "Hà Nội", Category: "Kinh tế",
			Title:       "Xã Tân Hoà ra quân làm đường giao thông nông thôn",
			Body:        "Ngày 5/3, xã Tân Hoà ra quân làm 2 km đường giao thông nông thôn.",
			PublishedAt: at(2020, 3, 5, 8, 0, 0),
		},
		{
			ID: idHoaAcute, Version: v, FetchedAt: fetched,
			URL:      "https://quocoai.hanoi.gov.vn/kinh-te/-/view_content/302-tan-hoa-lam-duong.html",
			SourceID: "quocoai", District: "Quốc Oai", Province: "Hà Nội", Category: "Kinh tế",
			Title:       "Xã Tân Hóa ra quân làm đường giao thông nông thôn",
			Body:        "Ngày 5/3, xã Tân Hóa ra quân làm 2 km đường giao thông nông thôn.",
			PublishedAt: at(2020, 3, 5, 9, 0, 0),
		},
		{
			ID: idOtherRegion, Version: v, FetchedAt: fetched,
			URL:      "https://cuchi.hochiminhcity.gov.vn/Lists/Posts/Post.aspx?List=abc&ID=2217",
			SourceID: "cuchi", District: "Củ Chi", Province: "Hồ Chí Minh", Category: "Văn hóa - Xã hội",
			Title:       "Củ Chi khánh thành trường mầm non",
			Body:        "Sáng 14/3, huyện Củ Chi khánh thành Trường mầm non Tân Thạnh Đông với 20 phòng học.",
			PublishedAt: at(2012, 3, 14, 9, 20, 0),
			Views:       intp(2217),
		},
	}
}
