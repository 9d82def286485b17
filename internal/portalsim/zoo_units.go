package portalsim

import (
	"slices"
	"strings"
)

// UnitInfo is a real administrative unit a zoo portal reports for. The names
// and codes are the official ones (shared/gazetteer); addresses, phone
// numbers and the series scales are illustrative.
type UnitInfo struct {
	Name string // without its kind: "Gia Lâm", "Thủ Dầu Một", "Đông Anh"
	Slug string // "gialam"; unique across Districts() and ZooUnits()
	// Kind is the unit's kind as the text writes it before the name:
	// "huyện", "quận", "thị xã", "thành phố" (old districts), "xã",
	// "phường" (new communes), "tỉnh", "thành phố" (provinces).
	Kind  string
	Level string // "district" (before 1 July 2025), "commune" (after), "province"
	// Province is the province the unit belongs to in its era, without its
	// kind: the old province for an old district ("Bình Dương"), the new
	// one for a new commune ("Hồ Chí Minh"); a province's own name.
	Province string
	// Code is the unit as DRA sources name it: "old:district:018",
	// "new:commune:00454", "old:province:74".
	Code string
	// Members are the slugs of the districts a province portal covers.
	Members []string
}

// zunit is a unit with what the generator needs to write about it.
type zunit struct {
	info UnitInfo
	prof *profile // the generator's profile (nil for a province)
	// provSlug is the province in host names: "hanoi", "binhduong".
	provSlug string
	// capital is the weather widget's city.
	capital string
	// lu replaces the generator's "xã, thị trấn" for units whose lower
	// units are something else ("phường", "xã, phường"); "" keeps it.
	lu string
	// villages are a new commune's villages and residential groups.
	villages []string
	address  string
	phone    string
}

func newProfile(name, slug, kind string, communes []string, units int, address, phone string, party, poor, households, budget, growth float64) *profile {
	committee, youth := "Huyện ủy", "Huyện đoàn"
	switch kind {
	case "quận":
		committee, youth = "Quận ủy", "Quận đoàn"
	case "thị xã":
		committee, youth = "Thị ủy", "Thị đoàn"
	case "thành phố":
		committee, youth = "Thành ủy", "Thành đoàn"
	}
	return &profile{
		info:      DistrictInfo{Name: name, Slug: slug, Kind: kind},
		committee: committee, youth: youth, communes: communes, units: units, address: address, phone: phone,
		partyBase: party, poorBase: poor, households: households, budgetBase: budget, budgetGrowF: growth,
	}
}

// zooUnits are the units of the zoo. The five Hanoi districts of Districts()
// are units too (with their own profiles, so Series is their truth).
var zooUnits = func() []*zunit {
	hanoi := map[string]string{"thanhtri": "020", "sontay": "269", "thuongtin": "279", "phuxuyen": "280", "haibatrung": "007"}
	var out []*zunit
	for _, p := range profiles {
		out = append(out, &zunit{
			info: UnitInfo{Name: p.info.Name, Slug: p.info.Slug, Kind: p.info.Kind, Level: "district", Province: "Hà Nội",
				Code: "old:district:" + hanoi[p.info.Slug]},
			prof: p, provSlug: "hanoi", capital: "Hà Nội", address: p.address, phone: p.phone,
		})
	}
	district := func(code, province, provSlug, capital, lu string, p *profile) *zunit {
		p.info.Province = province
		p.info.Host = p.info.Slug + "." + provSlug + ".gov.vn"
		return &zunit{info: UnitInfo{Name: p.info.Name, Slug: p.info.Slug, Kind: p.info.Kind, Level: "district", Province: province,
			Code: "old:district:" + code}, prof: p, provSlug: provSlug, capital: capital, lu: lu, address: p.address, phone: p.phone}
	}
	out = append(out,
		district("018", "Hà Nội", "hanoi", "Hà Nội", "", newProfile("Gia Lâm", "gialam", "huyện",
			[]string{"thị trấn Trâu Quỳ", "thị trấn Yên Viên", "xã Bát Tràng", "xã Đa Tốn", "xã Kiêu Kỵ", "xã Dương Xá", "xã Phù Đổng", "xã Cổ Bi", "xã Ninh Hiệp", "xã Đặng Xá"},
			22, "Số 1 đường Nguyễn Đức Thuận, thị trấn Trâu Quỳ, huyện Gia Lâm, Hà Nội", "024.3827.6318", 320, 1900, 78000, 2100, 1.10)),
		district("017", "Hà Nội", "hanoi", "Hà Nội", "", newProfile("Đông Anh", "donganh", "huyện",
			[]string{"thị trấn Đông Anh", "xã Cổ Loa", "xã Uy Nỗ", "xã Vân Hà", "xã Liên Hà", "xã Kim Chung", "xã Hải Bối", "xã Xuân Canh", "xã Tiên Dương", "xã Mai Lâm"},
			24, "Số 68 đường Cao Lỗ, thị trấn Đông Anh, huyện Đông Anh, Hà Nội", "024.3883.2213", 380, 2300, 105000, 3500, 1.12)),
		district("718", "Bình Dương", "binhduong", "Thủ Dầu Một", "phường", newProfile("Thủ Dầu Một", "thudaumot", "thành phố",
			[]string{"phường Phú Cường", "phường Hiệp Thành", "phường Chánh Nghĩa", "phường Phú Hòa", "phường Phú Lợi", "phường Phú Mỹ", "phường Định Hòa", "phường Tương Bình Hiệp", "phường Tân An", "phường Chánh Mỹ"},
			14, "Số 1 đường Quang Trung, phường Phú Cường, thành phố Thủ Dầu Một, Bình Dương", "0274.3822.561", 420, 150, 95000, 3800, 1.09)),
		district("721", "Bình Dương", "binhduong", "Thủ Dầu Một", "xã, phường", newProfile("Bến Cát", "bencat", "thành phố",
			[]string{"phường Mỹ Phước", "phường Chánh Phú Hòa", "phường Thới Hòa", "phường Hòa Lợi", "phường Tân Định", "phường An Điền", "phường An Tây", "xã Phú An"},
			8, "Đường 30 tháng 4, phường Mỹ Phước, thành phố Bến Cát, Bình Dương", "0274.3564.216", 260, 300, 62000, 1900, 1.13)),
		district("720", "Bình Dương", "binhduong", "Thủ Dầu Một", "", newProfile("Dầu Tiếng", "dautieng", "huyện",
			[]string{"thị trấn Dầu Tiếng", "xã Minh Hòa", "xã Minh Thạnh", "xã Minh Tân", "xã Long Hòa", "xã Thanh An", "xã Định Hiệp", "xã An Lập", "xã Thanh Tuyền"},
			12, "Khu phố 4B, thị trấn Dầu Tiếng, huyện Dầu Tiếng, Bình Dương", "0274.3561.233", 180, 900, 32000, 420, 1.08)),
		district("783", "Hồ Chí Minh", "hochiminhcity", "TP. Hồ Chí Minh", "", newProfile("Củ Chi", "cuchi", "huyện",
			[]string{"thị trấn Củ Chi", "xã Tân Thông Hội", "xã Phước Vĩnh An", "xã Tân An Hội", "xã Trung An", "xã Phú Hòa Đông", "xã An Nhơn Tây", "xã Nhuận Đức", "xã Thái Mỹ"},
			21, "Số 77 Tỉnh lộ 8, khu phố 1, thị trấn Củ Chi, huyện Củ Chi, TP. Hồ Chí Minh", "028.3892.0134", 410, 2800, 120000, 1200, 1.10)),
		district("764", "Hồ Chí Minh", "hochiminhcity", "TP. Hồ Chí Minh", "", newProfile("Gò Vấp", "govap", "quận",
			[]string{"phường 1", "phường 3", "phường 5", "phường 10", "phường 11", "phường 12", "phường 15", "phường 17"},
			12, "Số 19 Quang Trung, phường 10, quận Gò Vấp, TP. Hồ Chí Minh", "028.3894.3541", 480, 600, 180000, 2600, 1.07)),
		district("366", "Nam Định", "namdinh", "Nam Định", "", newProfile("Hải Hậu", "haihau", "huyện",
			[]string{"thị trấn Yên Định", "thị trấn Cồn", "thị trấn Thịnh Long", "xã Hải Minh", "xã Hải Anh", "xã Hải Hưng", "xã Hải Đường", "xã Hải Bắc", "xã Hải Trung"},
			24, "Khu 4, thị trấn Yên Định, huyện Hải Hậu, Nam Định", "0228.3877.242", 300, 4200, 78000, 380, 1.09)),
		district("429", "Nghệ An", "nghean", "Vinh", "", newProfile("Nghi Lộc", "nghiloc", "huyện",
			[]string{"thị trấn Quán Hành", "xã Nghi Trung", "xã Nghi Long", "xã Nghi Xá", "xã Nghi Thạch", "xã Nghi Phương", "xã Diên Hoa", "xã Nghi Vạn", "xã Khánh Hợp"},
			23, "Khối 4, thị trấn Quán Hành, huyện Nghi Lộc, Nghệ An", "0238.3861.235", 290, 5200, 56000, 420, 1.11)),
		district("916", "Cần Thơ", "cantho", "Cần Thơ", "", newProfile("Ninh Kiều", "ninhkieu", "quận",
			[]string{"phường Cái Khế", "phường An Hòa", "phường Thới Bình", "phường Tân An", "phường Xuân Khánh", "phường Hưng Lợi", "phường An Khánh", "phường An Bình"},
			8, "Số 2 đường Hòa Bình, phường Tân An, quận Ninh Kiều, Cần Thơ", "0292.3820.119", 450, 400, 70000, 3100, 1.08)),
		district("193", "Quảng Ninh", "quangninh", "Hạ Long", "xã, phường", newProfile("Hạ Long", "halong", "thành phố",
			[]string{"phường Bãi Cháy", "phường Hồng Gai", "phường Hà Tu", "phường Cao Xanh", "phường Giếng Đáy", "phường Hồng Hải", "phường Tuần Châu", "xã Đồng Lâm", "xã Quảng La"},
			33, "Số 1 đường Trần Hưng Đạo, phường Hồng Gai, thành phố Hạ Long, Quảng Ninh", "0203.3825.214", 520, 500, 95000, 9800, 1.10)),
	)
	province := func(name, slug, code, capital, address, phone string, members ...string) *zunit {
		return &zunit{info: UnitInfo{Name: name, Slug: slug, Kind: "tỉnh", Level: "province", Province: name, Code: "old:province:" + code, Members: members},
			provSlug: slug, capital: capital, address: address, phone: phone}
	}
	hn := province("Hà Nội", "hanoi", "01", "Hà Nội", "Số 6 Lê Lai, phường Lý Thái Tổ, quận Hoàn Kiếm, Hà Nội", "024.3825.3536",
		"thanhtri", "sontay", "thuongtin", "phuxuyen", "haibatrung", "gialam", "donganh")
	hn.info.Kind = "thành phố"
	out = append(out, hn, province("Bình Dương", "binhduong", "74", "Thủ Dầu Một",
		"Tầng 15, Tháp A, Trung tâm Hành chính tỉnh, phường Hòa Phú, thành phố Thủ Dầu Một, Bình Dương", "0274.3822.805",
		"thudaumot", "bencat", "dautieng"))
	commune := func(name, slug, kind, province, provSlug, code, capital, address, phone string, villages ...string) *zunit {
		return &zunit{info: UnitInfo{Name: name, Slug: slug, Kind: kind, Level: "commune", Province: province, Code: "new:commune:" + code},
			provSlug: provSlug, capital: capital, villages: villages, address: address, phone: phone}
	}
	out = append(out,
		commune("Thanh Trì", "xathanhtri", "xã", "Hà Nội", "hanoi", "00640", "Hà Nội", "Số 375 đường Ngọc Hồi, xã Thanh Trì, Hà Nội", "024.3861.2031",
			"tổ dân phố Văn Điển", "thôn Tứ Hiệp", "thôn Yên Mỹ", "thôn Vĩnh Quỳnh", "thôn Ngũ Hiệp", "thôn Duyên Hà"),
		commune("Đông Anh", "xadonganh", "xã", "Hà Nội", "hanoi", "00454", "Hà Nội", "Số 68 đường Cao Lỗ, xã Đông Anh, Hà Nội", "024.3883.5120",
			"thôn Cổ Loa", "thôn Uy Nỗ", "thôn Liên Hà", "thôn Việt Hùng", "thôn Dục Tú", "thôn Mai Lâm"),
		commune("Thủ Dầu Một", "phuongthudaumot", "phường", "Hồ Chí Minh", "hochiminhcity", "25747", "TP. Hồ Chí Minh",
			"Số 1 đường Quang Trung, phường Thủ Dầu Một, TP. Hồ Chí Minh", "0274.3822.117",
			"khu phố 1", "khu phố 2", "khu phố 5", "khu phố Chánh Nghĩa", "khu phố Hiệp Thành", "khu phố Phú Thọ"),
		commune("Hạ Long", "phuonghalong", "phường", "Quảng Ninh", "quangninh", "06688", "Hạ Long",
			"Số 3 đường Nguyễn Văn Cừ, phường Hạ Long, Quảng Ninh", "0203.3835.116",
			"tổ dân phố 1", "tổ dân phố 4", "khu phố Hồng Hải", "khu phố Hồng Hà", "tổ dân phố 12"),
		commune("Nghi Lộc", "xanghiloc", "xã", "Nghệ An", "nghean", "17827", "Vinh", "Khối 4, xã Nghi Lộc, Nghệ An", "0238.3861.410",
			"xóm Quán Hành", "xóm Nghi Trung", "xóm Diên Hoa", "xóm Nghi Vạn", "xóm 5"),
		commune("Ninh Kiều", "phuongninhkieu", "phường", "Cần Thơ", "cantho", "31135", "Cần Thơ", "Số 2 đường Hòa Bình, phường Ninh Kiều, Cần Thơ", "0292.3821.060",
			"khu vực 1", "khu vực 3", "khu vực Tân An", "khu vực Xuân Khánh", "khu vực Thới Bình"),
		commune("Hải Hậu", "xahaihau", "xã", "Ninh Bình", "ninhbinh", "14215", "Ninh Bình", "Khu 4, xã Hải Hậu, Ninh Bình", "0228.3877.501",
			"xóm Yên Định", "xóm Hải Trung", "xóm Hải Long", "xóm 7", "xóm 12"),
	)
	return out
}()

// ZooUnits lists the units zoo portals can serve: the districts of
// Districts(), more old districts of several provinces, two provinces whose
// party portals cover several of those districts, and new communes and
// wards (after 1 July 2025).
func ZooUnits() []UnitInfo {
	out := make([]UnitInfo, len(zooUnits))
	for i, u := range zooUnits {
		out[i] = u.info
		out[i].Members = slices.Clone(u.info.Members)
	}
	return out
}

// findZooUnit accepts a unit's name or slug; a name that two units share
// (a district and the new commune named after it) names the district.
func findZooUnit(s string) *zunit {
	for _, u := range zooUnits {
		if u.info.Slug == s {
			return u
		}
	}
	for _, u := range zooUnits {
		if u.info.Name == s || strings.EqualFold(u.info.Kind+" "+u.info.Name, s) {
			return u
		}
	}
	return nil
}

// kd is "huyện Gia Lâm", "xã Đông Anh", "tỉnh Bình Dương".
func (u *zunit) kd() string { return u.info.Kind + " " + u.info.Name }

// committee is the unit's party committee: "Huyện ủy", "Thành ủy", "Đảng ủy xã".
func (u *zunit) committee() string {
	switch {
	case u.prof != nil:
		return u.prof.committee
	case u.info.Level == "commune":
		return "Đảng ủy " + u.info.Kind
	case u.info.Kind == "thành phố":
		return "Thành ủy"
	}
	return "Tỉnh ủy"
}

// members are a province's districts.
func (u *zunit) members() []*zunit {
	var out []*zunit
	for _, s := range u.info.Members {
		out = append(out, findZooUnit(s))
	}
	return out
}

// MetricTruth is Metric.Truth for the figures of every zoo unit: the
// districts of Districts() and the zoo's own old districts (Series,
// HalfSeries and TermTotal as the generator wrote them for that unit).
func MetricTruth(m Metric) (value float64, ok bool) {
	if findProfile(m.District) != nil {
		return m.Truth()
	}
	var p *profile
	for _, u := range zooUnits {
		if u.prof != nil && u.info.Name == m.District {
			p = u.prof
		}
	}
	if p == nil || Measure(m.Key) == "" {
		return 0, false
	}
	switch m.PeriodKind {
	case PeriodHalf:
		if m.Period != halfLabel(m.Year) || Measure(m.Key) != MeasureFlow || m.Year < FirstYear || m.Year > LastYear {
			return 0, false
		}
		return halfSeries(p, m.Key, m.Year), true
	case PeriodTerm:
		first, last, ok := parseTerm(m.Period)
		if !ok {
			return 0, false
		}
		v := termTotal(p, m.Key, first, last)
		return v, v != 0
	}
	y, ok := m.TrendYear()
	if !ok || y < FirstYear || y > LastYear {
		return 0, false
	}
	v, _ := series(p, m.Key, y)
	return v, true
}

// halfSeries and termTotal are HalfSeries and TermTotal for a profile that
// findProfile does not know; TestMetricTruth keeps them equal to those.
func halfSeries(p *profile, key string, year int) float64 {
	v, _ := series(p, key, year)
	r := newRand(hash64(p.info.Slug), hash64(key, "H1", itoa(year)))
	return roundKey(key, v*(0.42+0.08*r.Float64()))
}
