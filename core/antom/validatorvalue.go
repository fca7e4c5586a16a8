package antom

// validator/v10 (core/wiretags) runs the struct tags of these types. Before it
// walks a field it asks whether the value implements its Valuer interface, and
// for a field reached through a pointer (every nested object here) that question
// copies the field to the heap: one allocation per string field, the largest cost
// of a tag check. Each ValidatorValue below hands validator a copy of the whole
// struct instead, one allocation per object, and the fields of that copy are read
// without further copies. The values checked, the rules and the field paths are
// unchanged.

// ValidatorValue returns *o for validator/v10's walk; see the comment above.
func (o *Order) ValidatorValue() any { return *o }

// ValidatorValue returns *o for validator/v10's walk.
func (o *Shipping) ValidatorValue() any { return *o }

// ValidatorValue returns *o for validator/v10's walk.
func (o *Buyer) ValidatorValue() any { return *o }

// ValidatorValue returns *o for validator/v10's walk.
func (o *Merchant) ValidatorValue() any { return *o }

// ValidatorValue returns *o for validator/v10's walk.
func (o *UserName) ValidatorValue() any { return *o }

// ValidatorValue returns *o for validator/v10's walk.
func (o *Address) ValidatorValue() any { return *o }

// ValidatorValue returns *o for validator/v10's walk.
func (o *Env) ValidatorValue() any { return *o }

// ValidatorValue returns *o for validator/v10's walk.
func (o *BrowserInfo) ValidatorValue() any { return *o }

// ValidatorValue returns *o for validator/v10's walk.
func (o *PaymentMethod) ValidatorValue() any { return *o }

// ValidatorValue returns *o for validator/v10's walk.
func (o *CardMetaData) ValidatorValue() any { return *o }

// ValidatorValue returns *o for validator/v10's walk.
func (o *MpiData) ValidatorValue() any { return *o }

// ValidatorValue returns *o for validator/v10's walk.
func (o *PaymentFactor) ValidatorValue() any { return *o }

// ValidatorValue returns *o for validator/v10's walk.
func (o *SettlementStrategy) ValidatorValue() any { return *o }

// ValidatorValue returns *o for validator/v10's walk.
func (o *CreditPayPlan) ValidatorValue() any { return *o }

// goodsFields is Goods without its methods. A Goods is an element of a slice, so
// it is addressable like a field behind a pointer; returning a Goods itself would
// make validator ask it for its ValidatorValue again, for ever.
type goodsFields Goods

// ValidatorValue returns g's fields for validator/v10's walk.
func (g Goods) ValidatorValue() any { return goodsFields(g) }
