// Package antom holds the wire types of Antom's card payment API with their exact
// JSON names: the pay request (this file set), and the responses and notifications.
//
// Request booleans are tri-state (Bool) so an explicit false can be sent; numbers and
// booleans decode from their string forms too ("true", "25") and encode in the form
// the seed samples use. Enums are string types with constants, so a value Antom adds
// later still decodes. Card numbers and CVVs use card.PAN and card.CVV, which redact
// themselves in every printed or logged form and marshal to the real value only in a
// request body.
package antom
