//! IndexedDB as a small shelf of text records: the collection (汇总) can hold hundreds of
//! reports, more than local storage's few megabytes, so it lives in the browser's IndexedDB
//! database `nianbao`, object store `collection`, one record per report. A write counts as
//! kept only when its transaction has completed (the browser's commit), never before.

use js_sys::{Array, Promise};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

/// The database's name, as the screen tells the clerk where the collection is kept.
pub const DATABASE: &str = "nianbao";

/// The object store of the collection's records.
pub const STORE: &str = "collection";

const VERSION: u32 = 1;

/// A browser exception or event as text for the clerk.
fn message(value: &JsValue) -> String {
    crate::dom::js_error_message(value)
}

/// Waits for a request: its result, or its error.
async fn request_done(request: &IdbRequest) -> Result<JsValue, String> {
    let promise = Promise::new(&mut |resolve, reject| {
        let on_success = {
            let request = request.clone();
            Closure::once_into_js(move || {
                let result = request.result().unwrap_or(JsValue::UNDEFINED);
                let _ = resolve.call1(&JsValue::NULL, &result);
            })
        };
        let on_error = {
            let request = request.clone();
            Closure::once_into_js(move || {
                let error = request
                    .error()
                    .ok()
                    .flatten()
                    .map(JsValue::from)
                    .unwrap_or_else(|| JsValue::from_str("IndexedDB request failed"));
                let _ = reject.call1(&JsValue::NULL, &error);
            })
        };
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(|err| message(&err))
}

/// Waits for a transaction to commit (`complete`), or says why it did not (`error`, `abort`:
/// a full disk or quota is reported here).
async fn transaction_done(transaction: &IdbTransaction) -> Result<(), String> {
    let promise = Promise::new(&mut |resolve, reject| {
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = {
            let transaction = transaction.clone();
            let reject = reject.clone();
            move || {
                let error = transaction
                    .error()
                    .map(JsValue::from)
                    .unwrap_or_else(|| JsValue::from_str("IndexedDB transaction aborted"));
                let _ = reject.call1(&JsValue::NULL, &error);
            }
        };
        let on_error = Closure::once_into_js(failed.clone());
        let on_abort = Closure::once_into_js(failed);
        transaction.set_oncomplete(Some(on_complete.unchecked_ref()));
        transaction.set_onerror(Some(on_error.unchecked_ref()));
        transaction.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|err| message(&err))
}

/// Opens the database, creating the store the first time.
async fn open() -> Result<IdbDatabase, String> {
    let factory = web_sys::window()
        .and_then(|window| window.indexed_db().ok().flatten())
        .ok_or_else(|| "IndexedDB is not available in this browser".to_string())?;
    let request = factory
        .open_with_u32(DATABASE, VERSION)
        .map_err(|err| message(&err))?;
    let upgrade = {
        let request = request.clone();
        Closure::<dyn FnMut()>::new(move || {
            let Ok(result) = request.result() else { return };
            let Ok(database) = result.dyn_into::<IdbDatabase>() else {
                return;
            };
            if !database.object_store_names().contains(STORE) {
                let _ = database.create_object_store(STORE);
            }
        })
    };
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let result = request_done(&request).await;
    request.set_onupgradeneeded(None);
    drop(upgrade);
    result?
        .dyn_into::<IdbDatabase>()
        .map_err(|value| message(&value))
}

/// Every record: its key and its text (a value that is not text is given as `None`, to be
/// shown, never dropped).
pub async fn all() -> Result<Vec<(String, Option<String>)>, String> {
    let database = open().await?;
    let (_, store) = store_of(&database, IdbTransactionMode::Readonly)?;
    let keys_request = store.get_all_keys().map_err(|err| message(&err))?;
    let values_request = store.get_all().map_err(|err| message(&err))?;
    let keys: Array = request_done(&keys_request).await?.unchecked_into();
    let values: Array = request_done(&values_request).await?.unchecked_into();
    database.close();
    Ok(keys
        .iter()
        .zip(values.iter())
        .map(|(key, value)| {
            let key = key.as_string().unwrap_or_else(|| format!("{key:?}"));
            (key, value.as_string())
        })
        .collect())
}

/// Writes records (key, text) in one transaction; done when it has committed.
pub async fn put(records: &[(String, String)]) -> Result<(), String> {
    change(|store| {
        for (key, text) in records {
            store.put_with_key(&JsValue::from_str(text), &JsValue::from_str(key))?;
        }
        Ok(())
    })
    .await
}

/// Deletes records by key in one transaction; done when it has committed.
pub async fn delete(keys: &[String]) -> Result<(), String> {
    change(|store| {
        for key in keys {
            store.delete(&JsValue::from_str(key))?;
        }
        Ok(())
    })
    .await
}

/// Runs `requests` on the store in one read-write transaction and waits for it to commit.
async fn change(
    requests: impl FnOnce(&IdbObjectStore) -> Result<(), JsValue>,
) -> Result<(), String> {
    let database = open().await?;
    let (transaction, store) = store_of(&database, IdbTransactionMode::Readwrite)?;
    requests(&store).map_err(|err| message(&err))?;
    let done = transaction_done(&transaction).await;
    database.close();
    done
}

/// A transaction of `mode` on the collection's store, and the store in it.
fn store_of(
    database: &IdbDatabase,
    mode: IdbTransactionMode,
) -> Result<(IdbTransaction, IdbObjectStore), String> {
    let transaction = database
        .transaction_with_str_and_mode(STORE, mode)
        .map_err(|err| message(&err))?;
    let store = transaction
        .object_store(STORE)
        .map_err(|err| message(&err))?;
    Ok((transaction, store))
}
