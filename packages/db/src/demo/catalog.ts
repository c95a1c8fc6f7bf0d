import type { AssetClass } from "../generated/prisma/enums.ts";

/** The fictional market the demo firms trade: six sectors of five names, and one index. */
export interface InstrumentSpec {
  symbol: string;
  name: string;
  sector: string;
  assetClass: AssetClass;
  startPrice: number;
  /** Sensitivity of daily returns to the market factor. */
  beta: number;
  /** Standard deviation of the instrument's own daily return. */
  idiosyncraticVol: number;
}

const SECTORS: Record<string, [string, string, number][]> = {
  Technology: [
    ["NVX", "Novix Semiconductors", 180],
    ["CLDR", "Cloudara Systems", 95],
    ["QBIT", "Qubit Logic", 42],
    ["SFTW", "Softworks Group", 310],
    ["NETL", "Netlane Communications", 64],
  ],
  Financials: [
    ["HBRK", "Harbor Bank", 48],
    ["MSTN", "Milestone Insurance", 120],
    ["CPTL", "Capitol Asset Management", 210],
    ["LDGR", "Ledger Payments", 85],
    ["TRST", "Trustmark Holdings", 36],
  ],
  Healthcare: [
    ["GNMX", "Genomix Therapeutics", 72],
    ["MDLN", "Medline Devices", 155],
    ["CURA", "Cura Pharmaceuticals", 98],
    ["VTLS", "Vitalis Health", 61],
    ["BIOP", "Biopeak Labs", 27],
  ],
  Energy: [
    ["PTRX", "Petrex Energy", 88],
    ["SOLR", "Solaris Power", 34],
    ["WNDF", "Windfield Renewables", 22],
    ["GRDL", "Gridline Utilities", 58],
    ["OILC", "Oilcrest Exploration", 46],
  ],
  Consumer: [
    ["BRWS", "Brewster Beverages", 66],
    ["STYL", "Stylo Apparel", 39],
    ["MRKT", "Marketplace Stores", 142],
    ["FDCO", "Foodco International", 54],
    ["TRVL", "Travelia Resorts", 77],
  ],
  Industrials: [
    ["AERO", "Aerodyne Aviation", 205],
    ["RAIL", "Railcorp Logistics", 118],
    ["BLDR", "Builder Materials", 44],
    ["ROBO", "Robotek Automation", 131],
    ["SHPG", "Shipgate Freight", 29],
  ],
};

const SECTOR_BETA: Record<string, number> = {
  Technology: 1.3,
  Financials: 1.1,
  Healthcare: 0.8,
  Energy: 0.9,
  Consumer: 0.7,
  Industrials: 1.0,
};

export const BENCHMARK: InstrumentSpec = {
  symbol: "RDX",
  name: "Risk Dashboard Composite Index",
  sector: "Index",
  assetClass: "INDEX",
  startPrice: 1000,
  beta: 1,
  idiosyncraticVol: 0,
};

export const INSTRUMENTS: InstrumentSpec[] = Object.entries(SECTORS).flatMap(([sector, names]) =>
  names.map(([symbol, name, startPrice], index) => ({
    symbol,
    name,
    sector,
    assetClass: "EQUITY" as const,
    startPrice,
    beta: (SECTOR_BETA[sector] ?? 1) + (index - 2) * 0.1,
    idiosyncraticVol: 0.008 + index * 0.003,
  })),
);
