/** How many records carry a value, both lists together: the term-frequency side of the model. */
export interface Frequencies {
  total: number;
  name(key: string): number;
  token(token: string): number;
  /** Records of one side (0 left, 1 right) with this company domain. */
  domain(domain: string, side: 0 | 1): number;
  phone(local: string): number;
  street(key: string): number;
}
