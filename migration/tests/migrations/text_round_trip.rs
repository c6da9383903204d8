//! Emoji and non-Latin scripts survive every backend.

use crate::support::migrated;
use entity::auditor::verification_log;
use entity::legal::{client, user};
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

const NAMES: [&str; 5] = [
    "सर्वोच्च न्यायालय विधि सेवा",
    "法律事务所 ✅",
    "مكتب المحاماة",
    "Юридическая фирма ⚠️",
    "தமிழ் சட்ட நிறுவனம் 🚫",
];

async fn emoji_and_non_latin_text_round_trips(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let lawyer = user::ActiveModel {
        name: Set("Amit Sharma".to_owned()),
        email: Set("amit@example.test".to_owned()),
        password_hash: Set("$argon2id$placeholder".to_owned()),
        role: Set("lawyer".to_owned()),
        ..Default::default()
    }
    .insert(&conn)
    .await
    .unwrap();
    for name in NAMES {
        let saved = client::ActiveModel {
            lawyer_id: Set(lawyer.id),
            name: Set(name.to_owned()),
            ..Default::default()
        }
        .insert(&conn)
        .await
        .unwrap();
        let read = client::Entity::find_by_id(saved.id)
            .one(&conn)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(read.name, name);
    }
    for (i, label) in ["✅ Verified", "⚠️ Review", "🚫 Rejected"]
        .into_iter()
        .enumerate()
    {
        let saved = verification_log::ActiveModel {
            verification_id: Set(format!("00000000-0000-0000-0000-00000000000{i}")),
            answer_text: Set(format!("{label} — {}", NAMES[i])),
            answer_hash: Set(format!("{i:064}")),
            confidence_score: Set(0.5),
            trust_label: Set(label.to_owned()),
            ..Default::default()
        }
        .insert(&conn)
        .await
        .unwrap();
        let read = verification_log::Entity::find_by_id(saved.id)
            .one(&conn)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(read.trust_label, label);
        assert_eq!(read.answer_text, format!("{label} — {}", NAMES[i]));
        assert_eq!(read.is_valid, Some(true), "server default applies");
    }
}

on_every_backend!(emoji_and_non_latin_text_round_trips);
