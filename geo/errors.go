package geo

import (
	"context"
	"errors"
	"net/netip"
)

// BogonError is the error for an address in a special-purpose range (see
// Bogon). Such an address is never located and never drawn.
type BogonError struct {
	Addr   netip.Addr
	Reason string // as returned by Bogon, or "reported by ipinfo" when the API said so
}

func (e *BogonError) Error() string {
	return "geo: " + e.Addr.String() + " is not a locatable address (" + e.Reason + ")"
}

// ErrBudget is returned for addresses left unlocated because the run's
// request budget for an online service was spent.
var ErrBudget = errors.New("geo: request budget exhausted")

// ErrTimeLimit is returned for addresses left unlocated because the run's
// time limit for an online service passed.
var ErrTimeLimit = errors.New("geo: time limit reached")

// checkBogon returns the normalised address (unmapped, without zone) and a
// *BogonError when it is a bogon.
func checkBogon(addr netip.Addr) (netip.Addr, error) {
	if reason, ok := Bogon(addr); ok {
		return addr, &BogonError{Addr: addr, Reason: reason}
	}
	return addr.Unmap().WithZone(""), nil
}

// Unlocated reasons reported by Reason and Summary.
const (
	ReasonNotFound      = "not in database"
	ReasonNoCoordinates = "country without coordinates"
	ReasonBudget        = "request budget exhausted"
	ReasonTimeLimit     = "time limit reached"
	ReasonCanceled      = "canceled"
	ReasonFailed        = "lookup failed"
)

// Reason says why a lookup result is not located: "bogon: <reason>" for a
// bogon, one of the Reason constants otherwise, and "" when loc is located.
// failed reports whether the cause is a failure (an API or a database that
// could not answer), as opposed to an answer that there is nothing to
// locate; a run with failures is a partial result.
func Reason(loc Location, err error) (reason string, failed bool) {
	var be *BogonError
	switch {
	case err == nil && loc.Located():
		return "", false
	case err == nil && loc.Country != "":
		return ReasonNoCoordinates, false
	case err == nil:
		return ReasonNotFound, false
	case errors.As(err, &be):
		return "bogon: " + be.Reason, false
	case errors.Is(err, ErrBudget):
		return ReasonBudget, true
	case errors.Is(err, ErrTimeLimit):
		return ReasonTimeLimit, true
	case errors.Is(err, context.Canceled):
		return ReasonCanceled, true
	default:
		return ReasonFailed, true
	}
}
