package vietnamese

import (
	"time"
	_ "time/tzdata" // Asia/Ho_Chi_Minh must resolve on machines without a tz database
)

// TimeZone is Asia/Ho_Chi_Minh: portal dates are read, and date filters are
// bounded, in it.
var TimeZone = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		return time.FixedZone("ICT", 7*3600)
	}
	return loc
}()
