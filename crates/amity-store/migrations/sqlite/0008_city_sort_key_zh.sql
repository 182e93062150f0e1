-- The order Chinese readers expect for partner cities: toneless pinyin of the Chinese name
-- (computed in Rust by amity_core::validate::sort_key_zh, written with every city it stores).
ALTER TABLE foreign_cities ADD COLUMN sort_key_zh TEXT NOT NULL DEFAULT '';
CREATE INDEX foreign_cities_sort_key_zh ON foreign_cities (sort_key_zh);
