package schema

import (
	"math"
	"regexp"
	"strconv"

	"github.com/xeipuuv/gojsonschema"
)

// Format names the generated schemas use and this package registers with
// gojsonschema.
const (
	formatDateTime = "date-time"
	formatDuration = "duration"
)

func init() {
	// gojsonschema's own date-time checker also accepts a bare date or a
	// bare time, which Edm.DateTimeOffset does not allow.
	gojsonschema.FormatCheckers.Add(formatDateTime, dateTimeOffsetChecker{})
	gojsonschema.FormatCheckers.Add(formatDuration, durationChecker{})
}

// Patterns of the Edm primitive types that JSON carries as strings.
const (
	patternInt64     = `^-?[0-9]+$`
	patternDecimal   = `^[-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$`
	patternFloat     = `^(-?INF|NaN)$`
	patternTimeOfDay = `^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$`
	patternGUID      = `^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$`
	// patternBinary accepts the base64 and the base64url alphabet: OData
	// JSON specifies base64url, and Graph pages show both.
	patternBinary = `^[A-Za-z0-9+/_-]*={0,2}$`
)

// primitiveSchema returns the schema of a value of the Edm primitive type
// name, or nil for Edm.Stream, which has no JSON value.
func primitiveSchema(name string, nullable bool) map[string]any {
	s := map[string]any{}
	types := []string{}
	switch name {
	case "Edm.String":
		types = append(types, "string")
	case "Edm.Boolean":
		types = append(types, "boolean")
	case "Edm.Byte":
		types = append(types, "integer")
		s["minimum"], s["maximum"] = 0, math.MaxUint8
	case "Edm.SByte":
		types = append(types, "integer")
		s["minimum"], s["maximum"] = math.MinInt8, math.MaxInt8
	case "Edm.Int16":
		types = append(types, "integer")
		s["minimum"], s["maximum"] = math.MinInt16, math.MaxInt16
	case "Edm.Int32":
		types = append(types, "integer")
		s["minimum"], s["maximum"] = math.MinInt32, math.MaxInt32
	case "Edm.Int64":
		// With IEEE754Compatible=true a service writes Int64 as a string.
		types = append(types, "integer", "string")
		s["minimum"], s["maximum"] = int64(math.MinInt64), int64(math.MaxInt64)
		s["pattern"] = patternInt64
	case "Edm.Decimal":
		types = append(types, "number", "string")
		s["pattern"] = patternDecimal
	case "Edm.Double", "Edm.Single":
		types = append(types, "number", "string")
		s["pattern"] = patternFloat
	case "Edm.DateTimeOffset":
		types = append(types, "string")
		s["format"] = formatDateTime
	case "Edm.Date":
		types = append(types, "string")
		s["format"] = "date"
	case "Edm.TimeOfDay":
		types = append(types, "string")
		s["pattern"] = patternTimeOfDay
	case "Edm.Duration":
		types = append(types, "string")
		s["format"] = formatDuration
	case "Edm.Guid":
		types = append(types, "string")
		s["pattern"] = patternGUID
	case "Edm.Binary":
		types = append(types, "string")
		s["pattern"] = patternBinary
	case "Edm.Stream":
		return nil
	default:
		if isSpatial(name) {
			// GeoJSON objects; their inner structure is not checked.
			types = append(types, "object")
			break
		}
		// Edm.Untyped, Edm.PrimitiveType and types this package does not
		// know accept any value.
		return s
	}

	if nullable {
		types = append(types, "null")
	}
	if len(types) == 1 {
		s["type"] = types[0]
	} else {
		s["type"] = types
	}
	return s
}

func isSpatial(name string) bool {
	return len(name) > len("Edm.Geo") && name[:len("Edm.Geo")] == "Edm.Geo"
}

// dateTimeOffsetChecker accepts the Edm.DateTimeOffset literal form: a
// date, a time and Z or a ±hh:mm offset. Seconds may be left out, as the
// OData ABNF allows.
type dateTimeOffsetChecker struct{}

var dateTimeOffsetPattern = regexp.MustCompile(
	`^([0-9]{4,})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?(?:[Zz]|[+-]([0-9]{2}):([0-9]{2}))$`)

// IsFormat reports whether input is a valid Edm.DateTimeOffset. Values
// other than strings pass, as JSON Schema wants for format.
func (dateTimeOffsetChecker) IsFormat(input any) bool {
	text, ok := input.(string)
	if !ok {
		return true
	}
	m := dateTimeOffsetPattern.FindStringSubmatch(text)
	if m == nil {
		return false
	}

	year, month, day := atoi(m[1]), atoi(m[2]), atoi(m[3])
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return false
	}
	// Second 60 is a leap second, which RFC 3339 allows.
	if atoi(m[4]) > 23 || atoi(m[5]) > 59 || (m[6] != "" && atoi(m[6]) > 60) {
		return false
	}
	if m[7] != "" && (atoi(m[7]) > 23 || atoi(m[8]) > 59) {
		return false
	}
	return true
}

// durationChecker accepts an ISO 8601 duration such as P1DT2H or -PT0.5S.
// OData itself allows only days, hours, minutes and seconds; years,
// months and weeks are accepted too because Graph pages use them.
type durationChecker struct{}

var durationPattern = regexp.MustCompile(
	`^-?P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?(T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+(?:\.[0-9]+)?)S)?)?$`)

// IsFormat reports whether input is a valid duration. Values other than
// strings pass.
func (durationChecker) IsFormat(input any) bool {
	text, ok := input.(string)
	if !ok {
		return true
	}
	m := durationPattern.FindStringSubmatch(text)
	if m == nil {
		return false
	}

	// "P" and "PT" alone match the pattern but carry no component.
	dateParts := m[1] + m[2] + m[3] + m[4]
	timeParts := m[6] + m[7] + m[8]
	if m[5] != "" && timeParts == "" {
		return false
	}
	return dateParts+timeParts != ""
}

func atoi(digits string) int {
	n, err := strconv.Atoi(digits)
	if err != nil {
		return -1
	}
	return n
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
