package antom

import (
	"github.com/paycore/paycore/core/card"
	"github.com/paycore/paycore/core/money"
)

// PayRequest is the body of POST /v1/payments/pay for a card authorization
// (productCode CASHIER_PAYMENT). Field order is the order pay.build emits.
type PayRequest struct {
	ProductCode        string              `json:"productCode,omitempty" validate:"required,eq=CASHIER_PAYMENT"`
	PaymentRequestID   string              `json:"paymentRequestId,omitempty" validate:"required,max=64,printascii"`
	PaymentAmount      *Amount             `json:"paymentAmount,omitempty" validate:"required"`
	Order              *Order              `json:"order,omitempty" validate:"required"`
	PaymentMethod      *PaymentMethod      `json:"paymentMethod,omitempty" validate:"required"`
	PaymentFactor      *PaymentFactor      `json:"paymentFactor,omitempty" validate:"required"`
	SettlementStrategy *SettlementStrategy `json:"settlementStrategy,omitempty"`
	CreditPayPlan      *CreditPayPlan      `json:"creditPayPlan,omitempty"`
	PaymentRedirectURL string              `json:"paymentRedirectUrl,omitempty" validate:"required,antomurl"`
	PaymentNotifyURL   string              `json:"paymentNotifyUrl,omitempty" validate:"omitempty,antomurl"`
	PaymentExpiryTime  string              `json:"paymentExpiryTime,omitempty" validate:"omitempty,rfc3339"`
	Env                *Env                `json:"env,omitempty" validate:"required"`
	MerchantRegion     string              `json:"merchantRegion,omitempty" validate:"omitempty,len=2,alpha,uppercase"`
	MerchantAccountID  string              `json:"merchantAccountId,omitempty" validate:"omitempty,max=32"`
	UserRegion         string              `json:"userRegion,omitempty" validate:"omitempty,len=2,alpha,uppercase"`
	AppID              string              `json:"appId,omitempty" validate:"omitempty,max=32"`
	ExtendInfo         string              `json:"extendInfo,omitempty" validate:"omitempty,max=2048"`
}

// Amount is an amount in the minor unit of its currency: {"currency":"EUR","value":"30000"}.
type Amount = money.Amount

// Order describes what is bought; Antom uses it for risk control and the buyer's
// statement.
type Order struct {
	ReferenceOrderID    string    `json:"referenceOrderId,omitempty" validate:"required,max=64"`
	OrderDescription    string    `json:"orderDescription,omitempty" validate:"required,max=256"`
	OrderAmount         *Amount   `json:"orderAmount,omitempty" validate:"required"`
	OrderDiscountAmount *Amount   `json:"orderDiscountAmount,omitempty"`
	SubTotalOrderAmount *Amount   `json:"subTotalOrderAmount,omitempty"`
	Goods               []Goods   `json:"goods,omitempty" validate:"omitempty,max=100,dive"`
	Shipping            *Shipping `json:"shipping,omitempty"`
	Buyer               *Buyer    `json:"buyer,omitempty"`
	Merchant            *Merchant `json:"merchant,omitempty"`
	Env                 *Env      `json:"env,omitempty"`
	ExtendInfo          string    `json:"extendInfo,omitempty" validate:"omitempty,max=2048"`
	OrderType           string    `json:"orderType,omitempty" validate:"omitempty,max=64"`
}

// Goods is one line of the order.
type Goods struct {
	ReferenceGoodsID   string    `json:"referenceGoodsId,omitempty" validate:"required,max=64"`
	GoodsName          string    `json:"goodsName,omitempty" validate:"required,max=256"`
	GoodsCategory      string    `json:"goodsCategory,omitempty" validate:"omitempty,max=64"`
	GoodsBrand         string    `json:"goodsBrand,omitempty" validate:"omitempty,max=64"`
	GoodsUnitAmount    *Amount   `json:"goodsUnitAmount,omitempty"`
	GoodsQuantity      NumString `json:"goodsQuantity,omitempty" validate:"omitempty,numeric,max=32"`
	GoodsSkuName       string    `json:"goodsSkuName,omitempty" validate:"omitempty,max=64"`
	GoodsURL           string    `json:"goodsUrl,omitempty" validate:"omitempty,max=2048"`
	GoodsImageURL      string    `json:"goodsImageUrl,omitempty" validate:"omitempty,max=2048"`
	DeliveryMethodType string    `json:"deliveryMethodType,omitempty" validate:"omitempty,oneof=PHYSICAL DIGITAL"`
	PriceID            string    `json:"priceId,omitempty" validate:"omitempty,max=64"`
}

// Shipping is where the goods go; it lowers fraud scores when it is given.
type Shipping struct {
	ShippingName        *UserName `json:"shippingName,omitempty"`
	ShippingAddress     *Address  `json:"shippingAddress,omitempty"`
	ShippingCarrier     string    `json:"shippingCarrier,omitempty" validate:"omitempty,max=128"`
	ShippingPhoneNo     string    `json:"shippingPhoneNo,omitempty" validate:"omitempty,max=16"`
	ShipToEmail         string    `json:"shipToEmail,omitempty" validate:"omitempty,max=64,email"`
	ShippingFeeID       string    `json:"shippingFeeId,omitempty" validate:"omitempty,max=64"`
	ShippingFee         *Amount   `json:"shippingFee,omitempty"`
	ShippingDescription string    `json:"shippingDescription,omitempty" validate:"omitempty,max=256"`
}

// Buyer identifies the buyer at the merchant.
type Buyer struct {
	ReferenceBuyerID      string    `json:"referenceBuyerId,omitempty" validate:"omitempty,max=64"`
	BuyerName             *UserName `json:"buyerName,omitempty"`
	BuyerPhoneNo          string    `json:"buyerPhoneNo,omitempty" validate:"omitempty,max=24"`
	BuyerEmail            string    `json:"buyerEmail,omitempty" validate:"omitempty,max=64,email"`
	BuyerRegistrationTime string    `json:"buyerRegistrationTime,omitempty" validate:"omitempty,rfc3339"`
	IsAccountVerified     Bool      `json:"isAccountVerified,omitzero" validate:"-"`
	SuccessfulOrderCount  Int       `json:"successfulOrderCount,omitzero" validate:"-"`
}

// Merchant describes a secondary merchant (for payment facilitators).
type Merchant struct {
	ReferenceMerchantID  string   `json:"referenceMerchantId,omitempty" validate:"omitempty,max=32"`
	MerchantMCC          string   `json:"merchantMCC,omitempty" validate:"omitempty,max=32"`
	MerchantName         string   `json:"merchantName,omitempty" validate:"omitempty,max=256"`
	MerchantDisplayName  string   `json:"merchantDisplayName,omitempty" validate:"omitempty,max=64"`
	MerchantAddress      *Address `json:"merchantAddress,omitempty"`
	MerchantRegisterDate string   `json:"merchantRegisterDate,omitempty" validate:"omitempty,rfc3339"`
}

// UserName is a person's name in parts.
type UserName struct {
	FirstName  string `json:"firstName,omitempty" validate:"omitempty,max=32"`
	MiddleName string `json:"middleName,omitempty" validate:"omitempty,max=32"`
	LastName   string `json:"lastName,omitempty" validate:"omitempty,max=32"`
	FullName   string `json:"fullName,omitempty" validate:"omitempty,max=128"`
}

// Address is a postal address; region is an ISO 3166 alpha-2 code.
type Address struct {
	Region   string `json:"region,omitempty" validate:"omitempty,len=2,alpha,uppercase"`
	State    string `json:"state,omitempty" validate:"omitempty,max=8"`
	City     string `json:"city,omitempty" validate:"omitempty,max=32"`
	Address1 string `json:"address1,omitempty" validate:"omitempty,max=256"`
	Address2 string `json:"address2,omitempty" validate:"omitempty,max=256"`
	Address3 string `json:"address3,omitempty" validate:"omitempty,max=256"`
	ZipCode  string `json:"zipCode,omitempty" validate:"omitempty,max=32"`
	Label    string `json:"label,omitempty" validate:"omitempty,max=64"`
}

// Env describes the buyer's device and browser; it raises authorization rates and
// feeds 3DS.
type Env struct {
	TerminalType             TerminalType `json:"terminalType,omitempty" validate:"required,oneof=WEB WAP APP MINI_APP"`
	OsType                   OsType       `json:"osType,omitempty" validate:"omitempty,oneof=IOS ANDROID"`
	UserAgent                string       `json:"userAgent,omitempty" validate:"omitempty,max=1024"`
	DeviceTokenID            string       `json:"deviceTokenId,omitempty" validate:"omitempty,max=128"`
	ClientIP                 string       `json:"clientIp,omitempty" validate:"omitempty,ip"`
	CookieID                 string       `json:"cookieId,omitempty" validate:"omitempty,max=128"`
	ExtendInfo               string       `json:"extendInfo,omitempty" validate:"omitempty,max=2048"`
	StoreTerminalID          string       `json:"storeTerminalId,omitempty" validate:"omitempty,max=64"`
	StoreTerminalRequestTime string       `json:"storeTerminalRequestTime,omitempty" validate:"omitempty,rfc3339"`
	BrowserInfo              *BrowserInfo `json:"browserInfo,omitempty"`
	// ColorDepth, ScreenHeight and ScreenWidth are strings in Antom's spec (both
	// official SDKs); a JSON number (the seed's form) is accepted and sent as a string.
	ColorDepth     NumString `json:"colorDepth,omitempty" validate:"omitempty,numeric,max=16"`
	ScreenHeight   NumString `json:"screenHeight,omitempty" validate:"omitempty,numeric,max=16"`
	ScreenWidth    NumString `json:"screenWidth,omitempty" validate:"omitempty,numeric,max=16"`
	TimeZoneOffset Int       `json:"timeZoneOffset,omitzero" validate:"-"`
	DeviceBrand    string    `json:"deviceBrand,omitempty" validate:"omitempty,max=64"`
	DeviceModel    string    `json:"deviceModel,omitempty" validate:"omitempty,max=128"`
	DeviceLanguage string    `json:"deviceLanguage,omitempty" validate:"omitempty,max=32"`
	DeviceID       string    `json:"deviceId,omitempty" validate:"omitempty,max=64"`
	OsVersion      string    `json:"osVersion,omitempty" validate:"omitempty,max=16"`
}

// TerminalType is the kind of buyer terminal.
type TerminalType string

// Terminal types Antom accepts.
const (
	TerminalWeb     TerminalType = "WEB"
	TerminalWap     TerminalType = "WAP"
	TerminalApp     TerminalType = "APP"
	TerminalMiniApp TerminalType = "MINI_APP"
)

// OsType is the buyer's mobile operating system; Antom wants it for WAP and APP.
type OsType string

// OS types Antom accepts.
const (
	OsIOS     OsType = "IOS"
	OsAndroid OsType = "ANDROID"
)

// BrowserInfo is the buyer's browser, used by 3DS.
type BrowserInfo struct {
	AcceptHeader      string `json:"acceptHeader,omitempty" validate:"omitempty,max=2048"`
	JavaEnabled       Bool   `json:"javaEnabled,omitzero" validate:"-"`
	JavaScriptEnabled Bool   `json:"javaScriptEnabled,omitzero" validate:"-"`
	Language          string `json:"language,omitempty" validate:"omitempty,max=32"`
	UserAgent         string `json:"userAgent,omitempty" validate:"omitempty,max=2048"`
}

// PaymentMethod says how the buyer pays: CARD, with raw card data in the metadata
// (server-to-server), a saved card token in paymentMethodId, or nothing (hosted page).
type PaymentMethod struct {
	PaymentMethodType string `json:"paymentMethodType,omitempty" validate:"required,eq=CARD"`
	PaymentMethodID   string `json:"paymentMethodId,omitempty" validate:"omitempty,max=128"`
	// RequireIssuerAuthentication asks for Korean issuer authentication. Antom's API
	// reference and SDKs put it here; the seed's sample puts it in the metadata.
	RequireIssuerAuthentication Bool          `json:"requireIssuerAuthentication,omitzero" validate:"-"`
	PaymentMethodMetaData       *CardMetaData `json:"paymentMethodMetaData,omitempty"`
	CustomerID                  string        `json:"customerId,omitempty" validate:"omitempty,max=64"`
	ExtendInfo                  string        `json:"extendInfo,omitempty" validate:"omitempty,max=2048"`
}

// CardMetaData is paymentMethod.paymentMethodMetaData for CARD: the card itself
// (server-to-server mode) and the card features of the request.
type CardMetaData struct {
	CardNo                      card.PAN  `json:"cardNo,omitempty" validate:"omitempty,max=32"`
	Cvv                         card.CVV  `json:"cvv,omitempty" validate:"-"`
	ExpiryMonth                 string    `json:"expiryMonth,omitempty" validate:"-"`
	ExpiryYear                  string    `json:"expiryYear,omitempty" validate:"-"`
	CardholderName              *UserName `json:"cardholderName,omitempty"`
	BillingAddress              *Address  `json:"billingAddress,omitempty"`
	IsCardOnFile                Bool      `json:"isCardOnFile,omitzero" validate:"-"`
	Tokenize                    Bool      `json:"tokenize,omitzero" validate:"-"`
	Is3DSAuthentication         Bool      `json:"is3DSAuthentication,omitzero" validate:"-"`
	EnableAuthenticationUpgrade Bool      `json:"enableAuthenticationUpgrade,omitzero" validate:"-"`
	SelectedCardBrand           CardBrand `json:"selectedCardBrand,omitempty" validate:"-"`
	// RequireIssuerAuthentication here is the seed's placement; pay.build moves it
	// to paymentMethod.
	RequireIssuerAuthentication Bool     `json:"requireIssuerAuthentication,omitzero" validate:"-"`
	NetworkTransactionID        string   `json:"networkTransactionId,omitempty" validate:"omitempty,max=64"`
	MpiData                     *MpiData `json:"mpiData,omitempty"`
	PayerEmail                  string   `json:"payerEmail,omitempty" validate:"omitempty,max=64,email"`
}

// MpiData carries the result of 3D Secure done by a third-party MPI before pay.
type MpiData struct {
	ThreeDSVersion  string `json:"threeDSVersion,omitempty" validate:"required,max=16"`
	Eci             string `json:"eci,omitempty" validate:"required,max=2,numeric"`
	Cavv            string `json:"cavv,omitempty" validate:"required,max=64"`
	DsTransactionID string `json:"dsTransactionId,omitempty" validate:"omitempty,max=64"`
	CredentialType  string `json:"credentialType,omitempty" validate:"omitempty,max=32"`
}

// CardBrand is an Antom card brand name (selectedCardBrand, cardBrand).
type CardBrand string

// PaymentFactor carries the authorization flag and the capture mode.
type PaymentFactor struct {
	IsAuthorization Bool        `json:"isAuthorization,omitzero" validate:"-"`
	CaptureMode     CaptureMode `json:"captureMode,omitempty" validate:"omitempty,oneof=AUTOMATIC MANUAL"`
}

// CaptureMode says who captures an authorized card payment.
type CaptureMode string

// Capture modes. Absent means AUTOMATIC.
const (
	CaptureAutomatic CaptureMode = "AUTOMATIC"
	CaptureManual    CaptureMode = "MANUAL"
)

// SettlementStrategy picks the currency Antom settles in.
type SettlementStrategy struct {
	SettlementCurrency string `json:"settlementCurrency,omitempty" validate:"-"`
}

// CreditPayPlan asks for an installment payment.
type CreditPayPlan struct {
	InstallmentNum             Int      `json:"installmentNum,omitzero" validate:"-"`
	Interval                   string   `json:"interval,omitempty" validate:"omitempty,max=16"`
	CreditPayFeeType           string   `json:"creditPayFeeType,omitempty" validate:"omitempty,oneof=PERCENTAGE"`
	FeePercentage              Int      `json:"feePercentage,omitzero" validate:"-"`
	FilteredInstallmentPeriods []string `json:"filteredInstallmentPeriods,omitempty" validate:"omitempty,max=36"`
}
