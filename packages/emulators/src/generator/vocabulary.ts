/** Word lists the generator combines into plausible company data. */
export const NAME_PREFIXES = [
  "Acme", "Apex", "Blue", "Bright", "Cedar", "Cobalt", "Crest", "Delta", "Ever", "Falcon", "Fern", "Granite",
  "Harbor", "Helix", "Indigo", "Iron", "Juniper", "Keystone", "Lumen", "Maple", "Meridian", "Nimbus", "North",
  "Nova", "Oak", "Orbit", "Pine", "Pioneer", "Quantum", "Quartz", "Red", "River", "Sage", "Silver", "Sky",
  "Summit", "Terra", "Tidal", "Union", "Vector", "Vertex", "Willow", "Zenith", "Atlas", "Beacon", "Cascade",
  "Copper", "Echo", "Ember", "Frontier", "Golden", "Horizon", "Lake", "Lunar", "Polar", "Prairie", "Solar",
] as const;

export const NAME_CORES = [
  "Analytics", "Bio", "Cloud", "Data", "Dynamics", "Energy", "Foods", "Freight", "Health", "Labs", "Logistics",
  "Media", "Metrics", "Networks", "Pay", "Robotics", "Security", "Software", "Systems", "Tech", "Works",
  "Capital", "Retail", "Motors", "Pharma", "Learning", "Insurance", "Travel", "Games", "Materials",
] as const;

/** Legal suffix per country, so names look local. */
export const COUNTRIES = [
  { code: "US", name: "United States", tld: "com", suffixes: ["Inc.", "LLC", "Corp.", ""], dial: "+1", currency: "USD", weight: 40, states: ["CA", "NY", "TX", "WA", "MA", "IL", "FL", "CO"], cities: ["San Francisco", "New York", "Austin", "Seattle", "Boston", "Chicago", "Miami", "Denver"] },
  { code: "GB", name: "United Kingdom", tld: "co.uk", suffixes: ["Ltd", "plc", ""], dial: "+44", currency: "GBP", weight: 12, states: [], cities: ["London", "Manchester", "Bristol", "Edinburgh"] },
  { code: "DE", name: "Germany", tld: "de", suffixes: ["GmbH", "AG", ""], dial: "+49", currency: "EUR", weight: 10, states: [], cities: ["Berlin", "Munich", "Hamburg", "Cologne"] },
  { code: "FR", name: "France", tld: "fr", suffixes: ["SAS", "SA", ""], dial: "+33", currency: "EUR", weight: 8, states: [], cities: ["Paris", "Lyon", "Toulouse", "Nantes"] },
  { code: "CA", name: "Canada", tld: "ca", suffixes: ["Inc.", "Ltd.", ""], dial: "+1", currency: "CAD", weight: 6, states: ["ON", "BC", "QC"], cities: ["Toronto", "Vancouver", "Montreal"] },
  { code: "AU", name: "Australia", tld: "com.au", suffixes: ["Pty Ltd", ""], dial: "+61", currency: "AUD", weight: 5, states: ["NSW", "VIC"], cities: ["Sydney", "Melbourne"] },
  { code: "NL", name: "Netherlands", tld: "nl", suffixes: ["B.V.", ""], dial: "+31", currency: "EUR", weight: 5, states: [], cities: ["Amsterdam", "Rotterdam", "Utrecht"] },
  { code: "JP", name: "Japan", tld: "co.jp", suffixes: ["K.K.", ""], dial: "+81", currency: "JPY", weight: 4, states: [], cities: ["Tokyo", "Osaka"] },
  { code: "BR", name: "Brazil", tld: "com.br", suffixes: ["Ltda.", "S.A.", ""], dial: "+55", currency: "BRL", weight: 4, states: ["SP", "RJ"], cities: ["São Paulo", "Rio de Janeiro"] },
  { code: "IN", name: "India", tld: "in", suffixes: ["Pvt Ltd", ""], dial: "+91", currency: "INR", weight: 6, states: ["KA", "MH"], cities: ["Bengaluru", "Mumbai", "Pune"] },
] as const;

export const INDUSTRIES = [
  "Technology", "Financial Services", "Healthcare", "Manufacturing", "Retail", "Education", "Media",
  "Transportation", "Energy", "Telecommunications", "Consulting", "Hospitality",
] as const;

export const FIRST_NAMES = [
  "Ava", "Ben", "Chloe", "Daniel", "Emma", "Farid", "Grace", "Hiro", "Isla", "Jonas", "Kemi", "Liam", "Maya",
  "Noah", "Olivia", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Victor", "Wen", "Yusuf", "Zoe",
] as const;

export const LAST_NAMES = [
  "Anderson", "Brown", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Johnson", "Kumar",
  "Lopez", "Müller", "Nakamura", "O'Brien", "Patel", "Rossi", "Silva", "Taylor", "Walker", "Young", "Zhang",
] as const;

export const OPEN_STAGES = [
  { stage: "Prospecting", probability: 10 },
  { stage: "Qualification", probability: 20 },
  { stage: "Needs Analysis", probability: 30 },
  { stage: "Value Proposition", probability: 50 },
  { stage: "Proposal/Price Quote", probability: 75 },
  { stage: "Negotiation/Review", probability: 90 },
] as const;

export const OPPORTUNITY_KINDS = ["New Business", "Expansion", "Renewal", "Upsell", "Pilot"] as const;
/** Values of Salesforce's standard Opportunity.LeadSource picklist (as in a new org), weighted by repetition. */
export const LEAD_SOURCES = ["Web", "Web", "Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"] as const;
export const ACCOUNT_TYPES = ["Customer - Direct", "Customer - Channel", "Prospect", "Prospect", "Partner", "Other"] as const;
