package portalsim

// DistrictInfo names a simulated district-level unit.
type DistrictInfo struct {
	Name     string // "Thanh Trì"
	Slug     string // "thanhtri", as in thanhtri.hanoi.gov.vn
	Province string // "Hà Nội"
	Kind     string // "huyện", "thị xã" or "quận"
	Host     string // the real portal's host name, for reference
}

// profile holds what the generator needs about a district besides its name.
type profile struct {
	info      DistrictInfo
	committee string   // "Huyện ủy", "Thị ủy", "Quận ủy"
	youth     string   // "Huyện đoàn", ...
	communes  []string // with their prefix: "xã Tam Hiệp"
	units     int      // number of communes and towns, for "16/16 xã, thị trấn"
	address   string
	phone     string
	// series scales
	partyBase   float64 // new party members a year
	poorBase    float64 // poor households in 2014
	households  float64 // households in 2015
	budgetBase  float64 // budget revenue in 2014, tỷ đồng
	budgetGrowF float64 // mean yearly growth factor
}

var profiles = []*profile{
	{
		info:      DistrictInfo{Name: "Thanh Trì", Slug: "thanhtri", Kind: "huyện"},
		committee: "Huyện ủy", youth: "Huyện đoàn",
		communes: []string{"thị trấn Văn Điển", "xã Tam Hiệp", "xã Vĩnh Quỳnh", "xã Tả Thanh Oai", "xã Ngũ Hiệp",
			"xã Yên Mỹ", "xã Duyên Hà", "xã Đông Mỹ", "xã Liên Ninh", "xã Tân Triều", "xã Hữu Hòa"},
		units: 16, address: "Số 375 đường Ngọc Hồi, thị trấn Văn Điển, huyện Thanh Trì, Hà Nội", phone: "024.3861.1245",
		partyBase: 290, poorBase: 1450, households: 68500, budgetBase: 1650, budgetGrowF: 1.11,
	},
	{
		info:      DistrictInfo{Name: "Sơn Tây", Slug: "sontay", Kind: "thị xã"},
		committee: "Thị ủy", youth: "Thị đoàn",
		communes: []string{"phường Quang Trung", "phường Lê Lợi", "phường Trung Hưng", "phường Viên Sơn", "xã Đường Lâm",
			"xã Xuân Sơn", "xã Kim Sơn", "xã Thanh Mỹ", "xã Cổ Đông", "xã Sơn Đông"},
		units: 15, address: "Số 1 phố Phó Đức Chính, phường Quang Trung, thị xã Sơn Tây, Hà Nội", phone: "024.3383.2278",
		partyBase: 230, poorBase: 1180, households: 39800, budgetBase: 820, budgetGrowF: 1.09,
	},
	{
		info:      DistrictInfo{Name: "Thường Tín", Slug: "thuongtin", Kind: "huyện"},
		committee: "Huyện ủy", youth: "Huyện đoàn",
		communes: []string{"thị trấn Thường Tín", "xã Vạn Điểm", "xã Nhị Khê", "xã Hà Hồi", "xã Tô Hiệu",
			"xã Văn Bình", "xã Minh Cường", "xã Thắng Lợi", "xã Khánh Hà", "xã Nghiêm Xuyên"},
		units: 29, address: "Số 1 đường Nguyễn Du, thị trấn Thường Tín, huyện Thường Tín, Hà Nội", phone: "024.3385.3016",
		partyBase: 270, poorBase: 2650, households: 63200, budgetBase: 760, budgetGrowF: 1.10,
	},
	{
		info:      DistrictInfo{Name: "Phú Xuyên", Slug: "phuxuyen", Kind: "huyện"},
		committee: "Huyện ủy", youth: "Huyện đoàn",
		communes: []string{"thị trấn Phú Xuyên", "thị trấn Phú Minh", "xã Phú Túc", "xã Chuyên Mỹ", "xã Quang Lãng",
			"xã Nam Phong", "xã Tri Trung", "xã Hồng Minh", "xã Phúc Tiến", "xã Đại Xuyên"},
		units: 28, address: "Tiểu khu Thao Chính, thị trấn Phú Xuyên, huyện Phú Xuyên, Hà Nội", phone: "024.3385.4212",
		partyBase: 250, poorBase: 3100, households: 52600, budgetBase: 540, budgetGrowF: 1.12,
	},
	{
		info:      DistrictInfo{Name: "Hai Bà Trưng", Slug: "haibatrung", Kind: "quận"},
		committee: "Quận ủy", youth: "Quận đoàn",
		communes: []string{"phường Bạch Đằng", "phường Minh Khai", "phường Thanh Nhàn", "phường Bách Khoa",
			"phường Lê Đại Hành", "phường Đống Mác", "phường Vĩnh Tuy", "phường Trương Định"},
		units: 18, address: "Số 30 phố Lê Đại Hành, phường Lê Đại Hành, quận Hai Bà Trưng, Hà Nội", phone: "024.3978.1357",
		partyBase: 520, poorBase: 240, households: 96400, budgetBase: 5400, budgetGrowF: 1.08,
	},
}

func init() {
	for _, p := range profiles {
		p.info.Province = "Hà Nội"
		p.info.Host = p.info.Slug + ".hanoi.gov.vn"
	}
}

// Districts lists the districts the simulator can serve.
func Districts() []DistrictInfo {
	out := make([]DistrictInfo, len(profiles))
	for i, p := range profiles {
		out[i] = p.info
	}
	return out
}

// findProfile accepts a district's name or slug.
func findProfile(district string) *profile {
	for _, p := range profiles {
		if p.info.Name == district || p.info.Slug == district {
			return p
		}
	}
	return nil
}

// kd is "huyện Thanh Trì", "thị xã Sơn Tây".
func (p *profile) kd() string { return p.info.Kind + " " + p.info.Name }

// category is a section of the portal.
type category struct{ Label, Slug string }

var categories = []category{
	{"Đảng, đoàn thể", "dang-doan-the"},
	{"Kinh tế", "kinh-te"},
	{"Văn hóa - Xã hội", "van-hoa-xa-hoi"},
	{"Tin tức - Sự kiện", "tin-tuc-su-kien"},
}

func categoryBySlug(slug string) (category, bool) {
	for _, c := range categories {
		if c.Slug == slug {
			return c, true
		}
	}
	return category{}, false
}
