package antom

import (
	"maps"
	"slices"
)

// Card brands Antom accepts in selectedCardBrand.
const (
	BrandAmex            CardBrand = "AMEX"
	BrandBC              CardBrand = "BC"
	BrandCarnet          CardBrand = "CARNET"
	BrandCartesBancaires CardBrand = "CARTES_BANCAIRES"
	BrandCiti            CardBrand = "CITI"
	BrandCUP             CardBrand = "CUP"
	BrandDiners          CardBrand = "DINERS"
	BrandDiscover        CardBrand = "DISCOVER"
	BrandElo             CardBrand = "ELO"
	BrandGwangjuBank     CardBrand = "GWANGJUBANK"
	BrandHipercard       CardBrand = "HIPERCARD"
	BrandHyundai         CardBrand = "HYUNDAI"
	BrandIBKBC           CardBrand = "IBK_BC"
	BrandJCB             CardBrand = "JCB"
	BrandJejuBank        CardBrand = "JEJUBANK"
	BrandJeonbukBank     CardBrand = "JEONBUKBANK"
	BrandKakaoBank       CardBrand = "KAKAOBANK"
	BrandKBank           CardBrand = "KBANK"
	BrandKDBBank         CardBrand = "KDBBANK"
	BrandKEBHana         CardBrand = "KEBHANA"
	BrandKookmin         CardBrand = "KOOKMIN"
	BrandLotte           CardBrand = "LOTTE"
	BrandMaestro         CardBrand = "MAESTRO"
	BrandMastercard      CardBrand = "MASTERCARD"
	BrandMir             CardBrand = "MIR"
	BrandNonghyup        CardBrand = "NONGHYUP"
	BrandPost            CardBrand = "POST"
	BrandSaemaul         CardBrand = "SAEMAUL"
	BrandSamsung         CardBrand = "SAMSUNG"
	BrandSavingBank      CardBrand = "SAVINGBANK"
	BrandShinhan         CardBrand = "SHINHAN"
	BrandShinhyeop       CardBrand = "SHINHYEOP"
	BrandSuhyeop         CardBrand = "SUHYEOP"
	BrandTossBank        CardBrand = "TOSSBANK"
	BrandTroy            CardBrand = "TROY"
	BrandVisa            CardBrand = "VISA"
	BrandWoori           CardBrand = "WOORI"
)

// brandInfo says whether Antom knows a brand and whether it is a Korean local brand
// (one that can use Korean issuer authentication).
var brandInfo = map[CardBrand]bool{
	BrandAmex: false, BrandBC: true, BrandCarnet: false, BrandCartesBancaires: false,
	BrandCiti: true, BrandCUP: false, BrandDiners: false, BrandDiscover: false, BrandElo: false,
	BrandGwangjuBank: true, BrandHipercard: false, BrandHyundai: true, BrandIBKBC: true,
	BrandJCB: false, BrandJejuBank: true, BrandJeonbukBank: true, BrandKakaoBank: true,
	BrandKBank: true, BrandKDBBank: true, BrandKEBHana: true, BrandKookmin: true,
	BrandLotte: true, BrandMaestro: false, BrandMastercard: false, BrandMir: false,
	BrandNonghyup: true, BrandPost: true, BrandSaemaul: true, BrandSamsung: true,
	BrandSavingBank: true, BrandShinhan: true, BrandShinhyeop: true, BrandSuhyeop: true,
	BrandTossBank: true, BrandTroy: false, BrandVisa: false, BrandWoori: true,
}

// Known reports whether b is in Antom's card brand list.
func (b CardBrand) Known() bool {
	_, ok := brandInfo[b]
	return ok
}

// Korean reports whether b is a Korean local card brand, the brands Korean issuer
// authentication applies to.
func (b CardBrand) Korean() bool { return brandInfo[b] }

// Brands lists every known brand name.
func Brands() []CardBrand {
	return slices.Sorted(maps.Keys(brandInfo))
}
